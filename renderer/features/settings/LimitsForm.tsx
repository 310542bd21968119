import { useState } from 'react';
import type { SettingsView } from '../../../runtime/contract/studio-api';
import { useSettings } from '../../state';

/** Per-run limits: wall-clock timeout in seconds and engine memory in megabytes. */
export function LimitsForm({ limits }: { limits: SettingsView['limits'] }) {
  const [timeout, setTimeoutText] = useState(String(limits.timeout));
  const [memory, setMemory] = useState(String(limits.memory));
  const t = Number(timeout);
  const m = Number(memory);
  const valid = Number.isFinite(t) && t > 0 && Number.isFinite(m) && m > 0;
  return (
    <section aria-labelledby="limits-title">
      <h3 id="limits-title">Limits</h3>
      <form className="limits-form" onSubmit={(e) => (e.preventDefault(), valid && void useSettings.getState().update({ limits: { timeout: t, memory: m } }))}>
        <div className="field">
          <label htmlFor="limit-timeout">Timeout (seconds)</label>
          <input id="limit-timeout" className="input" inputMode="decimal" value={timeout} onChange={(e) => setTimeoutText(e.target.value)} aria-invalid={Number.isFinite(t) && t > 0 ? undefined : true} />
        </div>
        <div className="field">
          <label htmlFor="limit-memory">Memory (MB)</label>
          <input id="limit-memory" className="input" inputMode="decimal" value={memory} onChange={(e) => setMemory(e.target.value)} aria-invalid={Number.isFinite(m) && m > 0 ? undefined : true} />
        </div>
        <button type="submit" className="button small" disabled={!valid}>
          Save limits
        </button>
      </form>
    </section>
  );
}
