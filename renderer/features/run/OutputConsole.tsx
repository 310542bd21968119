import { useLayoutEffect, useRef, useState } from 'react';
import { useRun } from '../../state';
import { ConsoleRowView } from './ConsoleRowView';
import { InputBox } from './InputBox';
import { OutputActions, DroppedNotice } from './OutputActions';
import { RunStatus } from './RunStatus';
import { LINE_PX, RowOffsets } from './virtual-rows';

/** Horizontal padding of `.console-body` (px, both sides together). */
const PADDING_X = 24;

/** Width of one character of the console font, measured once the console is on screen. */
function measureChar(el: HTMLElement): number {
  const probe = document.createElement('span');
  probe.className = 'c-row';
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
  probe.textContent = 'M'.repeat(100);
  el.appendChild(probe);
  const width = probe.getBoundingClientRect().width / 100;
  probe.remove();
  return width > 0 ? width : 7.5;
}

/**
 * The Output console (role `log`): program output, streamed LLM tokens, logs, bridge calls and
 * errors as they arrive. Virtual: only the rows near the viewport are in the DOM, so 100,000 lines
 * scroll as smoothly as ten. It follows the end unless the user scrolled up to read.
 */
export function OutputConsole() {
  const buffer = useRun((s) => s.view.console);
  useRun((s) => s.view.consoleVersion);
  const clear = useRun((s) => s.clear);
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const offsets = useRef<RowOffsets>(null);
  offsets.current ??= new RowOffsets();
  const [box, setBox] = useState({ width: 0, height: 0, top: 0, char: 7.5 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const char = measureChar(el);
    const observer = new ResizeObserver(() => setBox((b) => ({ ...b, width: el.clientWidth, height: el.clientHeight, char })));
    observer.observe(el);
    setBox((b) => ({ ...b, width: el.clientWidth, height: el.clientHeight, char }));
    return () => observer.disconnect();
  }, []);

  // A new run (or a cleared console) follows its end again.
  const shownBuffer = useRef(buffer);
  if (shownBuffer.current !== buffer) {
    shownBuffer.current = buffer;
    pinned.current = true;
  }

  const count = buffer.length;
  const columns = Math.max(10, Math.floor((box.width - PADDING_X) / box.char));
  // Pinned to the end: render the last screenful, whatever the scroll event said last.
  // Row positions are kept between renders: a render costs the rows that arrived since the last one.
  offsets.current.update(buffer, columns);
  const win = offsets.current.window(count, pinned.current ? 'end' : box.top, box.height || 600);
  const rows = [];
  for (let i = win.first; i < win.last; i++) rows.push(buffer.row(i));

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  });

  return (
    <section className="console" aria-label="Run">
      <div className="console-header">
        <h2 id="output-title">Output</h2>
        <RunStatus />
        <OutputActions />
        <button type="button" className="link-button" onClick={clear} disabled={!count}>
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
          const wasPinned = pinned.current;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_PX + 8;
          // Pinned, the render shows the end whatever the offset: the scroll our own pinning caused
          // (one per frame during a flood) needs no second render. Leaving the end always renders,
          // since the offset kept while pinned is stale.
          if (pinned.current) return;
          const scrollTop = el.scrollTop;
          setBox((b) => (b.top === scrollTop && !wasPinned ? b : { ...b, top: scrollTop }));
        }}
      >
        <DroppedNotice />
        {count === 0 ? (
          <p className="console-empty">Run the spell (Ctrl+Enter) to see its output here.</p>
        ) : (
          <>
            <div style={{ height: win.above }} aria-hidden="true" />
            {rows.map((row) => (
              <ConsoleRowView key={row.id} row={row} />
            ))}
            <div style={{ height: win.below }} aria-hidden="true" />
          </>
        )}
      </div>
      <InputBox />
    </section>
  );
}
