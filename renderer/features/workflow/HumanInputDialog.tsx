import { useState } from 'react';
import type { HumanInputRequest } from '../../../runtime/contract/workflow-events';
import { useWorkflow } from '../../state';

/** A human node's question, answered in the studio (the CLI asks on the terminal). */
export function HumanInputDialog({ runId, request }: { runId: string; request: HumanInputRequest }) {
  const [text, setText] = useState(request.default === undefined ? '' : String(request.default));
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    try {
      await useWorkflow.getState().answer(runId, request.requestId, text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const inputId = `human-${request.requestId.replace(/\W/g, '_')}`;
  return (
    <div className="wf-human" role="dialog" aria-label="Human input" aria-modal="false">
      <form onSubmit={(e) => (e.preventDefault(), void send())} className="stack">
        <label htmlFor={inputId} className="wf-field-label">
          {request.nodeId} asks: {request.prompt}
        </label>
        {request.kind === 'choice' || request.kind === 'boolean' ? (
          <select id={inputId} className="input" value={text} onChange={(e) => setText(e.target.value)}>
            <option value="">(choose)</option>
            {(request.kind === 'boolean' ? ['yes', 'no'] : (request.choices ?? [])).map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        ) : (
          <input id={inputId} className="input" type={request.kind === 'number' ? 'number' : 'text'} value={text} autoFocus onChange={(e) => setText(e.target.value)} />
        )}
        <button type="submit" className="button primary small">
          Answer
        </button>
        {error && <p className="inline-error">{error}</p>}
      </form>
    </div>
  );
}
