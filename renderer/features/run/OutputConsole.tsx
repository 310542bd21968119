import { useLayoutEffect, useRef } from 'react';
import { useRun } from '../../state';
import { ConsoleEntryView } from './ConsoleEntryView';
import { InputBox } from './InputBox';
import { RunStatus } from './RunStatus';

/**
 * The Output console (role `log`): program output, streamed LLM tokens, logs, bridge calls and
 * errors as they arrive. It follows the end unless the user scrolled up to read.
 */
export function OutputConsole() {
  const entries = useRun((s) => s.view.entries);
  const clear = useRun((s) => s.clear);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  return (
    <section className="console" aria-label="Run">
      <div className="console-header">
        <h2 id="output-title">Output</h2>
        <RunStatus />
        <button type="button" className="link-button" onClick={clear} disabled={!entries.length}>
          Clear
        </button>
      </div>
      <div
        ref={scroller}
        className="console-body"
        role="log"
        aria-labelledby="output-title"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {entries.length === 0 ? <p className="console-empty">Run the spell (Ctrl+Enter) to see its output here.</p> : entries.map((entry) => <ConsoleEntryView key={entry.id} entry={entry} />)}
      </div>
      <InputBox />
    </section>
  );
}
