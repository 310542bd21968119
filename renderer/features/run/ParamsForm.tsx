import { useMemo } from 'react';
import { commands, fieldsFrom, useEditor, useParams } from '../../state';
import { ParamField } from './ParamField';

/** The run form generated from the manifest: one labelled field per declared parameter. */
export function ParamsForm() {
  const spell = useEditor((s) => s.spell);
  const fields = useMemo(() => fieldsFrom(spell?.parameters ?? []), [spell]);
  // Subscribing to the stored values re-renders the form when they change.
  useParams((s) => (spell ? s.values[spell.path] : undefined));
  const errors = useParams((s) => s.errors);
  if (!spell) {
    return (
      <section className="side-section" aria-labelledby="params-title">
        <div className="panel-header">
          <h2 id="params-title">Parameters</h2>
        </div>
        <p className="empty-note">Open a spell to set its parameters and see its runs.</p>
      </section>
    );
  }
  const { setValue, reset, valuesFor } = useParams.getState();
  const values = valuesFor(spell.path, fields);

  return (
    <section className="side-section" aria-labelledby="params-title">
      <div className="panel-header">
        <h2 id="params-title">Parameters</h2>
        {fields.length > 0 && (
          <button type="button" className="link-button" onClick={() => reset(spell.path, fields)}>
            Reset
          </button>
        )}
      </div>
      {fields.length === 0 ? (
        <p className="empty-note">This spell declares no parameters.</p>
      ) : (
        <form
          className="params-form"
          aria-label="Parameters"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void commands.runSpell();
          }}
        >
          {fields.map((field) => (
            <ParamField
              key={field.name}
              field={field}
              value={values[field.name] ?? ''}
              error={errors[field.name]}
              onChange={(value) => setValue(spell.path, fields, field.name, value)}
            />
          ))}
          {/* Enter in a field runs the spell, like the Run button. */}
          <button type="submit" hidden tabIndex={-1} />
        </form>
      )}
    </section>
  );
}
