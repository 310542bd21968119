import { useId } from 'react';
import type { SpellParameter } from '../../../runtime/contract/spell-parameter';

interface ParamFieldProps {
  field: SpellParameter;
  value: string | boolean;
  error: string | undefined;
  onChange(value: string | boolean): void;
}

function hint(field: SpellParameter): string {
  const bits: string[] = [field.type];
  if (field.required) bits.push('required');
  if (field.min !== undefined) bits.push(`min ${field.min}`);
  if (field.max !== undefined) bits.push(`max ${field.max}`);
  return bits.join(' · ');
}

/** One parameter, labelled by its name: a checkbox, a choice, JSON text, or a text box. */
export function ParamField({ field, value, error, onChange }: ParamFieldProps) {
  const id = useId();
  const describedBy = `${id}-desc${error ? ` ${id}-error` : ''}`;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': field.required || undefined };
  let control;
  if (field.type === 'boolean') {
    control = <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  } else if (field.enum?.length) {
    control = (
      <select {...common} className="input" value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {!field.required && <option value="">(default)</option>}
        {field.enum.map((option) => (
          <option key={String(option)} value={typeof option === 'string' ? option : JSON.stringify(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'array' || field.type === 'object') {
    control = <textarea {...common} className="input mono" rows={2} spellCheck={false} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const numeric = field.type === 'number' || field.type === 'integer';
    control = <input {...common} className="input" type="text" inputMode={numeric ? 'decimal' : undefined} spellCheck={false} value={String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className={field.type === 'boolean' ? 'field field-check' : 'field'}>
      <label htmlFor={id} className="mono">
        {field.name}
      </label>
      {control}
      <p id={`${id}-desc`} className="field-hint">
        {field.description ? `${field.description} — ` : ''}
        <span className="muted">{hint(field)}</span>
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
