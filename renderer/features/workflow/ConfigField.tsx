import { useEffect, useRef, useState } from 'react';
import { parse as parseYamlValue, stringify as yamlText } from 'yaml';
import type { FormField } from './config-schema';

interface FieldProps {
  field: FormField;
  value: unknown;
  /** Names a template may read here: input ports, workflow inputs, upstream node ids. */
  names: string[];
  onChange(value: unknown): void;
  /** Picking a name that is an upstream node not connected yet also connects it. */
  onPickName?(name: string): void;
  onOpenBody?(key: string): void;
}

const fieldId = (name: string) => `wf-field-${name}`;

/** Text inputs write when the user pauses or leaves the field, so each word is not an undo step. */
function useDraft<T>(value: T, commit: (value: T) => void): [T, (value: T) => void, () => void] {
  const [draft, setDraft] = useState(value);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) setDraft(value);
  }, [value]);
  const flush = () => {
    if (!pending.current) return;
    pending.current = false;
    commit(draftRef.current);
  };
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const update = (next: T) => {
    pending.current = true;
    setDraft(next);
    draftRef.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, 400);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return [draft, update, flush];
}

/** Names matching the `{{partial` just before the caret. */
function completing(text: string, caret: number, names: string[]): { start: number; matches: string[] } | undefined {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.slice(open).includes('}}')) return undefined;
  const partial = before.slice(open + 2).trimStart();
  if (!/^[\w-]*$/.test(partial)) return undefined;
  return { start: caret - partial.length, matches: names.filter((n) => n.startsWith(partial)).slice(0, 12) };
}

function TemplateField({ field, value, names, onChange, onPickName }: FieldProps) {
  const [draft, update, flush] = useDraft(typeof value === 'string' ? value : '', (v) => onChange(v === '' ? undefined : v));
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const suggest = caret === null ? undefined : completing(draft, caret, names);
  const insert = (name: string) => {
    const at = caret ?? draft.length;
    const start = suggest?.start ?? at;
    const next = `${draft.slice(0, start)}${suggest ? '' : '{{'}${name}}}${draft.slice(at)}`;
    update(next);
    flush();
    onPickName?.(name);
    area.current?.focus();
  };
  const chips = suggest ? suggest.matches : names.slice(0, 12);
  return (
    <>
      <textarea
        ref={area}
        id={fieldId(field.name)}
        className={`input wf-textarea${field.control === 'code' ? ' mono' : ''}`}
        rows={field.control === 'code' ? 6 : 3}
        value={draft}
        aria-required={field.required}
        aria-describedby={field.help ? `${fieldId(field.name)}-help` : undefined}
        spellCheck={field.control !== 'code'}
        onChange={(e) => {
          update(e.target.value);
          setCaret(e.target.selectionStart);
        }}
        onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
        onClick={(e) => setCaret(e.currentTarget.selectionStart)}
        onFocus={() => setFocused(true)}
        onBlur={() => (setFocused(false), flush())}
      />
      {field.control === 'template' && focused && chips.length > 0 && (
        <div className="wf-completions" role="group" aria-label={`Insert a name into ${field.name}`}>
          {chips.map((name) => (
            <button key={name} type="button" className="chip" aria-label={`Insert {{${name}}}`} onMouseDown={(e) => e.preventDefault()} onClick={() => insert(name)}>
              {`{{${name}}}`}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

function TextField({ field, value, onChange }: FieldProps) {
  const shown = field.control === 'list' ? (Array.isArray(value) ? value.join(', ') : '') : value === undefined ? '' : String(value);
  const [draft, update, flush] = useDraft(shown, (v) => {
    if (v.trim() === '') return onChange(undefined);
    if (field.control === 'list') return onChange(v.split(',').map((s) => s.trim()).filter(Boolean));
    if (field.control === 'number' || field.control === 'integer') {
      const n = Number(v);
      return onChange(Number.isNaN(n) ? v : n);
    }
    onChange(v);
  });
  return (
    <input
      id={fieldId(field.name)}
      className="input"
      type={field.control === 'number' || field.control === 'integer' ? 'number' : 'text'}
      step={field.control === 'integer' ? 1 : 'any'}
      min={field.min}
      max={field.max}
      value={draft}
      placeholder={field.control === 'list' ? 'a, b, c' : undefined}
      aria-required={field.required}
      aria-describedby={field.help ? `${fieldId(field.name)}-help` : undefined}
      onChange={(e) => update(e.target.value)}
      onBlur={flush}
      onKeyDown={(e) => e.key === 'Enter' && flush()}
    />
  );
}

function ChoiceField({ field, value, onChange }: FieldProps) {
  const choices = field.control === 'boolean' ? ['true', 'false'] : (field.choices ?? []);
  return (
    <select
      id={fieldId(field.name)}
      className="input"
      value={value === undefined ? '' : String(value)}
      aria-describedby={field.help ? `${fieldId(field.name)}-help` : undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : field.control === 'boolean' ? e.target.value === 'true' : e.target.value)}
    >
      <option value="">(default)</option>
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

function YamlField({ field, value, onChange }: FieldProps) {
  const shown = value === undefined ? '' : yamlText(value, { lineWidth: 0 }).trimEnd();
  const [error, setError] = useState<string | null>(null);
  const [draft, update, flush] = useDraft(shown, (v) => {
    if (v.trim() === '') return (setError(null), onChange(undefined));
    try {
      const parsed: unknown = parseYamlValue(v);
      setError(null);
      onChange(parsed);
    } catch (e) {
      setError(`Not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  });
  return (
    <>
      <textarea id={fieldId(field.name)} className="input wf-textarea mono" rows={4} value={draft} aria-invalid={error ? true : undefined} onChange={(e) => update(e.target.value)} onBlur={flush} />
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function BodyField({ field, value, onOpenBody, onChange }: FieldProps) {
  if (field.control === 'branches') {
    const branches = value && typeof value === 'object' ? Object.keys(value) : [];
    return (
      <div className="wf-bodies">
        {branches.map((b) => (
          <button key={b} type="button" className="button small" onClick={() => onOpenBody?.(`branches.${b}`)}>
            Open branch {b}
          </button>
        ))}
        {branches.length === 0 && <span className="muted">No branches</span>}
      </div>
    );
  }
  if (typeof value === 'string') return <TextField field={{ ...field, control: 'text' }} value={value} names={[]} onChange={onChange} />;
  if (value && typeof value === 'object') {
    return (
      <button type="button" className="button small" onClick={() => onOpenBody?.(field.name)}>
        Open {field.name} ({((value as { nodes?: unknown[] }).nodes ?? []).length} nodes)
      </button>
    );
  }
  return (
    <button type="button" className="button small" onClick={() => onChange({ nodes: [{ id: 'step', type: 'transform', config: { template: '{{item}}' } }] })}>
      Add a body
    </button>
  );
}

/** One config field with its label, control and help text. */
export function ConfigField(props: FieldProps) {
  const { field } = props;
  const control = (() => {
    switch (field.control) {
      case 'template':
      case 'expression':
      case 'code':
        return <TemplateField {...props} />;
      case 'choice':
      case 'boolean':
        return <ChoiceField {...props} />;
      case 'yaml':
        return <YamlField {...props} />;
      case 'body':
      case 'branches':
        return <BodyField {...props} />;
      default:
        return <TextField {...props} />;
    }
  })();
  return (
    <div className="wf-field">
      <label htmlFor={fieldId(field.name)} className="wf-field-label">
        {field.name}
        {field.required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {control}
      {field.help && (
        <p id={`${fieldId(field.name)}-help`} className="wf-help">
          {field.help}
        </p>
      )}
    </div>
  );
}
