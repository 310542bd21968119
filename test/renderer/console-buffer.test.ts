import { describe, expect, it } from 'vitest';
import { ConsoleBuffer, segmentsOf } from '../../renderer/state/console-buffer';

/** Each row as text: a line's segments as `kind:text` joined by `|`, a block as `kind=text`. */
function rows(buffer: ConsoleBuffer): string[] {
  return Array.from({ length: buffer.length }, (_, i) => buffer.row(i)).map((row) =>
    row.kind === 'line' ? segmentsOf(row).map((s) => `${s.kind}:${s.text}`).join('|') : `${row.kind}=${row.text}`,
  );
}

describe('console buffer', () => {
  it('splits streamed text into lines, keeps partial lines open, and starts a row per block', () => {
    const b = new ConsoleBuffer();
    b.add({ kind: 'stdout', text: 'a\nb' });
    b.add({ kind: 'stdout', text: 'c\n\nd' });
    b.add({ kind: 'input', text: 'yes\n' });
    b.add({ kind: 'log', level: 'info', text: 'note' });
    b.add({ kind: 'stderr', text: 'oops\n' });
    expect(rows(b)).toEqual(['stdout:a', 'stdout:bc', '', 'stdout:d|input:yes', 'log=note', 'stderr:oops']);
    expect(b.row(1).chars).toBe(2);
  });

  it('keeps the last maxRows rows and counts the dropped ones', () => {
    const b = new ConsoleBuffer(1000);
    b.add({ kind: 'stdout', text: Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join('') });
    expect(b.length).toBe(1000);
    expect(b.dropped).toBe(99_000);
    expect(rows(b)[0]).toBe('stdout:line 99000');
    expect(rows(b).at(-1)).toBe('stdout:line 99999');
  });

  it('shows streamed tokens once when the spell writes them itself (io.write(chunk) in the callback)', () => {
    const b = new ConsoleBuffer();
    b.add({ kind: 'stdout', text: 'assistant> ' });
    for (const chunk of ['Hello', ', wor', 'ld\nbye']) {
      b.add({ kind: 'token', text: chunk });
      b.add({ kind: 'stdout', text: chunk });
    }
    b.add({ kind: 'call', ok: true, text: 'llm.stream_chat_with_history 90 ms' });
    b.add({ kind: 'stdout', text: '\n' });
    // The call line ends the open line, so the spell's closing newline makes an empty one.
    expect(rows(b)).toEqual(['stdout:assistant> Hello, world', 'stdout:bye', 'call=llm.stream_chat_with_history 90 ms', '']);
  });

  it('takes an echo that arrives in one piece after several tokens, or late after the call line', () => {
    const b = new ConsoleBuffer();
    b.add({ kind: 'token', text: 'one ' });
    b.add({ kind: 'token', text: 'two' });
    b.add({ kind: 'call', ok: true, text: 'llm.stream 5 ms' });
    b.add({ kind: 'stdout', text: 'one two\n' });
    expect(rows(b)).toEqual(['stdout:one two', 'call=llm.stream 5 ms']);
  });

  it('keeps tokens the spell does not print (a callback that does nothing)', () => {
    const b = new ConsoleBuffer();
    b.add({ kind: 'stdout', text: 'Hello, Ada!\n' });
    b.add({ kind: 'token', text: 'a story' });
    b.add({ kind: 'stdout', text: '\n' });
    b.add({ kind: 'stdout', text: 'Your name? ' });
    expect(rows(b)).toEqual(['stdout:Hello, Ada!', 'token:a story', 'stdout:Your name? ']);
  });

  it('gives a new version for every change', () => {
    const b = new ConsoleBuffer();
    const v = b.version;
    b.add({ kind: 'status', text: 'Finished' });
    expect(b.version).toBeGreaterThan(v);
  });
});
