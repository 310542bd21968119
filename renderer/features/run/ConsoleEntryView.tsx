import { memo, type ReactNode } from 'react';
import { fileLineRefs, useEditor, type ConsoleEntry } from '../../state';

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

/** One console entry; streamed text is inline, everything else is its own line. */
export const ConsoleEntryView = memo(function ConsoleEntryView({ entry }: { entry: ConsoleEntry }) {
  switch (entry.kind) {
    case 'stdout':
    case 'token':
      return <span className={`c-${entry.kind}`}>{entry.text}</span>;
    case 'stderr':
      return (
        <span className="c-stderr">
          <Linked text={entry.text} />
        </span>
      );
    case 'input':
      return <span className="c-input">› {entry.text}</span>;
    case 'log':
      return (
        <div className={`c-log c-log-${entry.level}`}>
          <span className="c-level">{entry.level}</span> <Linked text={entry.text} />
        </div>
      );
    case 'call':
    case 'tool':
      return <div className={`c-${entry.kind}${entry.ok ? '' : ' c-failed'}`}>{entry.text}</div>;
    case 'status':
      return <div className="c-status">{entry.text}</div>;
    case 'error':
      return (
        <div className="c-error">
          <span className="c-level">{entry.code}</span> <Linked text={entry.text} />
          {entry.file && entry.line !== undefined && !fileLineRefs(entry.text).length && (
            <>
              {' '}
              <button type="button" className="line-link" onClick={() => useEditor.getState().revealLine(entry.file!, entry.line!)}>
                {entry.file.split('/').pop()}:{entry.line}
              </button>
            </>
          )}
        </div>
      );
  }
});
