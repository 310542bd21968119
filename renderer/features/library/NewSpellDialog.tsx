import { useState } from 'react';
import type { StudioInput } from '../../../runtime/contract/studio-api';
import { commands, useUi } from '../../state';
import { Dialog } from '../layout/Dialog';
import { NameField } from './NameField';

type Template = StudioInput<'library.create'>['template'];
type Engine = StudioInput<'library.create'>['engine'];

const TEMPLATES: { id: Template; title: string; hint: string }[] = [
  { id: 'basic', title: 'Basic', hint: 'Greets someone by name: parameters and output.' },
  { id: 'chat', title: 'Chat', hint: 'A conversation with an LLM that keeps its history.' },
  { id: 'agent', title: 'Agent', hint: 'An LLM agent with a tool of its own.' },
  { id: 'pipeline', title: 'Pipeline', hint: 'LLM steps in code that run in order and pass results on.' },
  { id: 'workflow', title: 'Workflow', hint: 'A visual workflow: input → LLM → output on the canvas.' },
  { id: 'tool', title: 'Tool', hint: 'A tool with a JSON Schema that agents can call.' },
];

const ENGINES: { id: Engine; title: string }[] = [
  { id: 'lua', title: 'Lua' },
  { id: 'javascript', title: 'JavaScript' },
  { id: 'tengo', title: 'Tengo' },
];

/** Creates a spell from a template and opens it. */
export function NewSpellDialog({ workflow = false }: { workflow?: boolean }) {
  const close = useUi((s) => s.closeDialog);
  const [name, setName] = useState('');
  const [valid, setValid] = useState(false);
  const [template, setTemplate] = useState<Template>(workflow ? 'workflow' : 'basic');
  const [engine, setEngine] = useState<Engine>('lua');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!valid || busy) return;
    setBusy(true);
    try {
      await commands.createSpell({ name, template, engine });
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={workflow ? 'New workflow' : 'New spell'}
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="new-spell-form" className="button primary" disabled={!valid || busy}>
            Create
          </button>
        </>
      }
    >
      <form id="new-spell-form" className="stack" onSubmit={(e) => (e.preventDefault(), void create())}>
        <NameField value={name} onChange={setName} onValidity={setValid} />
        {!workflow && (
        <fieldset className="choice-grid">
          <legend>Template</legend>
          {TEMPLATES.map((t) => (
            <label key={t.id} className={template === t.id ? 'choice checked' : 'choice'}>
              <input type="radio" name="template" value={t.id} checked={template === t.id} onChange={() => setTemplate(t.id)} />
              <span className="choice-title">{t.title}</span>
              <span className="choice-hint">{t.hint}</span>
            </label>
          ))}
        </fieldset>
        )}
        {template !== 'workflow' && (
        <fieldset className="segmented">
          <legend>Engine</legend>
          {ENGINES.map((e) => (
            <label key={e.id} className={engine === e.id ? 'segment checked' : 'segment'}>
              <input type="radio" name="engine" value={e.id} checked={engine === e.id} onChange={() => setEngine(e.id)} />
              {e.title}
            </label>
          ))}
        </fieldset>
        )}
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
