import { useEffect, useId } from 'react';
import { checkSpellName, useLibrary } from '../../state';

interface NameFieldProps {
  value: string;
  onChange(value: string): void;
  onValidity(valid: boolean): void;
  /** A name that may stay as it is (the current name, when renaming). */
  exclude?: string | undefined;
}

/** The "Name" input of a spell, checked as the user types (kebab-case, not taken). */
export function NameField({ value, onChange, onValidity, exclude }: NameFieldProps) {
  const id = useId();
  const names = useLibrary((s) => s.spells);
  const problem = value === exclude ? (exclude ? 'Choose a different name.' : undefined) : checkSpellName(value, names.map((s) => s.name));
  useEffect(() => onValidity(!problem), [problem, onValidity]);
  return (
    <div className="field">
      <label htmlFor={id}>Name</label>
      <input
        id={id}
        className="input"
        value={value}
        autoFocus
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value.trim())}
      />
      <p id={`${id}-hint`} className={problem && value ? 'field-error' : 'field-hint'}>
        {problem && value ? problem : 'kebab-case, like my-spell'}
      </p>
    </div>
  );
}
