import { useState } from 'react';
import { CONSOLE_LINES, useUi } from '../../state';

/** How many lines the Output console keeps (this browser's setting: it is about this window's memory). */
export function ConsoleForm() {
  const saved = useUi((s) => s.consoleMaxLines);
  const [text, setText] = useState(String(saved));
  const [done, setDone] = useState(false);
  const n = Number(text);
  const valid = Number.isInteger(n) && n >= CONSOLE_LINES.min && n <= CONSOLE_LINES.max;
  return (
    <section aria-labelledby="console-title">
      <h3 id="console-title">Output console</h3>
      <form
        className="limits-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          useUi.getState().setConsoleMaxLines(n);
          setDone(true);
        }}
      >
        <div className="field">
          <label htmlFor="console-lines">Lines kept</label>
          <input
            id="console-lines"
            className="input"
            inputMode="numeric"
            value={text}
            aria-invalid={valid ? undefined : true}
            aria-describedby="console-lines-hint"
            onChange={(e) => (setText(e.target.value), setDone(false))}
          />
          <p id="console-lines-hint" className="field-hint">
            From {CONSOLE_LINES.min.toLocaleString('en')} to {CONSOLE_LINES.max.toLocaleString('en')}; older lines stay with the run (Show all, Save output). Applies from the next run.
          </p>
        </div>
        <button type="submit" className="button small" disabled={!valid}>
          Save console
        </button>
        {done && <span className="muted"> Saved.</span>}
      </form>
    </section>
  );
}
