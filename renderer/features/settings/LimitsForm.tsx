import { useState } from 'react';
import type { SettingsView } from '../../../runtime/contract/studio-api';
import { useSettings } from '../../state';

/** Per-run limits: wall-clock timeout in seconds, engine memory in megabytes, and the LLM cost cap in US dollars (empty: none). */
export function LimitsForm({ limits }: { limits: SettingsView['limits'] }) {
  const [timeout, setTimeoutText] = useState(String(limits.timeout));
  const [memory, setMemory] = useState(String(limits.memory));
  const [cost, setCost] = useState(limits.cost === undefined ? '' : String(limits.cost));
  const t = Number(timeout);
  const m = Number(memory);
  const c = cost.trim() === '' ? null : Number(cost);
  const costValid = c === null || (Number.isFinite(c) && c > 0);
  const valid = Number.isFinite(t) && t > 0 && Number.isFinite(m) && m > 0 && costValid;
  return (
    <section aria-labelledby="limits-title">
      <h3 id="limits-title">Limits</h3>
      <form className="limits-form" onSubmit={(e) => (e.preventDefault(), valid && void useSettings.getState().update({ limits: { timeout: t, memory: m, cost: c } }))}>
        <div className="field">
          <label htmlFor="limit-timeout">Timeout (seconds)</label>
          <input id="limit-timeout" className="input" inputMode="decimal" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={Number.isFinite(t) && t > 0 ? undefined : true} />
        </div>
        <div className="field">
          <label htmlFor="limit-memory">Memory (MB)</label>
          <input id="limit-memory" className="input" inputMode="decimal" value={memory} onChange={(e) => setMemory(e.target.value)} aria-invalid={Number.isFinite(m) && m > 0 ? undefined : true} />
        </div>
        <div className="field">
          <label htmlFor="limit-cost">Cost cap per run (US $)</label>
          <input id="limit-cost" className="input" inputMode="decimal" placeholder="none" value={cost} onChange={(e) => setCost(e.target.value)} aria-invalid={costValid ? undefined : true} title="A run stops with cost_limit when its LLM calls would cost more (empty: no cap)" />
        </div>
        <button type="submit" className="button small" disabled={!valid}>
          Save limits
        </button>
      </form>
    </section>
  );
}
