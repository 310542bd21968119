import { afterEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from '../../../runtime/host/outbox';
import type { ParentPort } from '../../../runtime/host/parent-port';

/** A port that records what is sent. */
function port(onSend: () => void = () => {}) {
  const sent: unknown[] = [];
  const p = { send: (message: unknown) => (sent.push(message), onSend()), onMessage: () => {} } as unknown as ParentPort;
  return { port: p, sent };
}

describe('the engine outbox', () => {
  afterEach(() => vi.restoreAllMocks());

  it('joins a stream of output into one message, sent before the next message', () => {
    const { port: p, sent } = port();
    const outbox = new Outbox(p);
    outbox.output('stdout', 'a\n');
    outbox.output('stdout', 'b\n');
    outbox.send({ type: 'done', ok: true });
    expect(sent).toEqual([{ type: 'output', stream: 'stdout', text: 'a\nb\n' }, { type: 'done', ok: true }]);
  });

  it("ignores the watchdog's flush when it lands in the middle of the outbox's own work, and sends each line once", () => {
    // Every output is stale at once: the watchdog's flush would send it, wherever it lands. (The
    // engine's clock is process.hrtime, see monotonic.ts.)
    let clock = 0;
    vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => BigInt(clock += 100) * 1_000_000n);
    const interrupt = { flush: () => {} };
    const { port: p, sent } = port(() => interrupt.flush());
    // The watchdog's flush runs at an interrupt check of the main thread: here, inside output() just
    // after it made its pending entry, and inside each send.
    const outbox = new Outbox(p, { outputPending: () => interrupt.flush(), outputFlushed: () => {} });
    interrupt.flush = () => outbox.flushFromOutside();
    for (let i = 0; i < 3; i++) expect(() => outbox.output('stdout', `line ${i}\n`)).not.toThrow();
    outbox.send({ type: 'done', ok: true });
    const text = sent.flatMap((m) => ((m as { type: string }).type === 'output' ? [(m as { text: string }).text] : [])).join('');
    expect(text).toBe('line 0\nline 1\nline 2\n');
    expect(sent.at(-1)).toEqual({ type: 'done', ok: true });
  });

  it("flushes stale output from the watchdog while the main thread is busy elsewhere (in the VM)", () => {
    let clock = 0;
    vi.spyOn(process.hrtime, 'bigint').mockImplementation(() => BigInt(clock) * 1_000_000n);
    const { port: p, sent } = port();
    const outbox = new Outbox(p);
    outbox.output('stdout', 'working\n');
    clock += Outbox.MAX_DELAY_MS;
    outbox.flushFromOutside();
    expect(sent).toEqual([{ type: 'output', stream: 'stdout', text: 'working\n' }]);
  });
});
