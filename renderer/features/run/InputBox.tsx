import { useEffect, useRef, useState } from 'react';
import { useRun } from '../../state';

/** A line for the running spell's `io.read()`: Enter sends it (`runs.input`). */
export function InputBox() {
  const live = useRun((s) => !s.view.past && s.view.status === 'running');
  const waiting = useRun((s) => live && s.view.waiting === true);
  const [line, setLine] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The spell waits for a line: put the cursor where the answer goes.
  useEffect(() => {
    if (waiting) input.current?.focus();
  }, [waiting]);
  return (
    <form
      className={waiting ? 'input-box waiting' : 'input-box'}
      onSubmit={(e) => {
        e.preventDefault();
        if (!live) return;
        void useRun.getState().sendInput(line);
        setLine('');
      }}
    >
      <span className="prompt" aria-hidden="true">
        ›
      </span>
      <input
        ref={input}
        className="input mono"
        aria-label="Input for io.read"
        aria-describedby={waiting ? 'input-waiting' : undefined}
        placeholder={waiting ? 'The spell is waiting for your input: type a line and press Enter' : live ? 'Type a line for io.read() and press Enter' : 'Input for io.read() (while a spell runs)'}
        value={line}
        disabled={!live}
        data-focus="input"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setLine(e.target.value)}
      />
      {waiting && (
        <span id="input-waiting" className="input-waiting">
          Waiting for input
        </span>
      )}
      <button type="submit" className="button small" disabled={!live}>
        Send
      </button>
    </form>
  );
}
