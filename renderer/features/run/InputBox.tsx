import { useState } from 'react';
import { useRun } from '../../state';

/** A line for the running spell's `io.read()`: Enter sends it (`runs.input`). */
export function InputBox() {
  const live = useRun((s) => !s.view.past && s.view.status === 'running');
  const [line, setLine] = useState('');
  return (
    <form
      className="input-box"
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
        className="input mono"
        aria-label="Input for io.read"
        placeholder={live ? 'Type a line for io.read() and press Enter' : 'Input for io.read() (while a spell runs)'}
        value={line}
        disabled={!live}
        data-focus="input"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setLine(e.target.value)}
      />
      <button type="submit" className="button small" disabled={!live}>
        Send
      </button>
    </form>
  );
}
