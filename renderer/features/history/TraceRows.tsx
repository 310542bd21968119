import { useLayoutEffect, useRef, useState } from 'react';
import { formatDuration, formatUsd, type Trace, type TraceRow } from '../../state';

/** Height of one trace row (px); `.trace-row` sets the same height, so rows can be placed without measuring. */
export const TRACE_ROW_PX = 22;
/** Rows rendered above and below the visible ones, so a fast scroll does not show blanks. */
const OVERSCAN = 12;

/** The rows of a trace, virtualized: only those near the viewport are in the DOM (a run may make thousands of calls). */
export function TraceRows({ trace }: { trace: Trace }) {
  const list = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    setHeight(el.clientHeight || 600);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const count = trace.rows.length;
  const first = Math.max(0, Math.floor(top / TRACE_ROW_PX) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / TRACE_ROW_PX) + OVERSCAN);
  const shown = trace.rows.slice(first, last);
  // The scroller wraps the list: the list's padding stands in for the rows not rendered (a padded scroller would grow instead).
  return (
    <div ref={list} className="trace-scroll" onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <ol className="trace-rows" aria-label="Calls" data-count={count} style={{ paddingTop: first * TRACE_ROW_PX, paddingBottom: (count - last) * TRACE_ROW_PX }}>
        {shown.map((row, i) => (
          <TraceRowItem key={first + i} row={row} spanMs={trace.spanMs} />
        ))}
      </ol>
    </div>
  );
}

function TraceRowItem({ row, spanMs }: { row: TraceRow; spanMs: number }) {
  const llm = row.llm;
  const detail = row.detail ?? '';
  return (
    <li className={row.ok ? `trace-row trace-${row.kind}` : `trace-row trace-${row.kind} trace-failed`} title={detail || undefined}>
      <span className="trace-name mono">{row.name}</span>
      <span className="trace-bar-track" aria-hidden="true">
        {row.at !== undefined && <span className="trace-bar" style={{ left: `${(row.at / spanMs) * 100}%`, width: `${Math.max(0.5, ((row.durationMs ?? 0) / spanMs) * 100)}%` }} />}
      </span>
      <span className="trace-time muted">
        {row.at !== undefined && `+${formatDuration(row.at)} `}
        {row.durationMs !== undefined && formatDuration(row.durationMs)}
        {!row.ok && ' failed'}
        {detail && ` ${detail}`}
      </span>
      {llm && (
        <span className="trace-llm" aria-label={`model ${llm.model}, ${llm.inputTokens} input tokens, ${llm.outputTokens} output tokens, ${llm.cost === undefined ? 'no price' : formatUsd(llm.cost)}`}>
          {row.kind === 'llm' ? '' : `${llm.model} · `}
          {llm.inputTokens} in / {llm.outputTokens} out · {llm.cost === undefined ? 'no price' : formatUsd(llm.cost)}
        </span>
      )}
    </li>
  );
}
