import { memo, type ReactNode } from 'react';
import { fileLineRefs, segmentsOf, useEditor, type ConsoleRow } from '../../state';

/** Text with every `file.lua:12` turned into a link that shows that line in the editor. */
function Linked({ text }: { text: string }) {
  const refs = fileLineRefs(text);
  if (!refs.length) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const ref of refs) {
    parts.push(text.slice(at, ref.start));
    parts.push(
      <button key={ref.start} type="button" className="line-link" onClick={() => useEditor.getState().revealLine(ref.file, ref.line)}>
        {text.slice(ref.start, ref.end)}
      </button>,
    );
    at = ref.end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

/** One console row: a line of streamed text (its segments inline), or a block of its own. */
export const ConsoleRowView = memo(function ConsoleRowView({ row }: { row: ConsoleRow }) {
  switch (row.kind) {
    case 'line':
      return (
        <div className="c-row">
          {segmentsOf(row).map((segment, i) =>
            segment.kind === 'stderr' ? (
              <span key={i} className="c-stderr">
                <Linked text={segment.text} />
              </span>
            ) : (
              <span key={i} className={`c-${segment.kind}`}>
                {segment.kind === 'input' ? `› ${segment.text}` : segment.text}
              </span>
            ),
          )}
          {/* A line ends in a newline, for copying and for the log's text (a block's last newline takes no room). */}
          {'\n'}
        </div>
      );
    case 'log':
      return (
        <div className={`c-row c-log c-log-${row.level}`}>
          <span className="c-level">{row.level}</span> <Linked text={row.text} />
        </div>
      );
    case 'call':
    case 'tool':
      return <div className={`c-row c-${row.kind}${row.ok ? '' : ' c-failed'}`}>{row.text}</div>;
    case 'status':
      return <div className="c-row c-status">{row.text}</div>;
    case 'error':
      return (
        <div className="c-row c-error">
          <span className="c-level">{row.code}</span> <Linked text={row.text} />
          {row.file && row.line !== undefined && !fileLineRefs(row.text).length && (
            <>
              {' '}
              <button type="button" className="line-link" onClick={() => useEditor.getState().revealLine(row.file!, row.line!)}>
                {row.file.split('/').pop()}:{row.line}
              </button>
            </>
          )}
        </div>
      );
  }
});
