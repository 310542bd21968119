import { describe, expect, it } from 'vitest';
import type { HostToEngine } from '../../../runtime/contract/engine-protocol';
import type { RunEvent } from '../../../runtime/contract/run-events';
import { RpcDispatcher } from '../../../runtime/host/rpc-dispatcher';
import { BridgeError, type BridgeCallContext } from '../../../runtime/bridges/types';

function setup(bridges: Record<string, (args: unknown[], ctx: BridgeCallContext) => Promise<unknown>>) {
  const sent: HostToEngine[] = [];
  const events: RunEvent[] = [];
  const dispatcher = new RpcDispatcher('run-1', { bridges, services: {}, onEvent: (e) => events.push(e) }, (m) => sent.push(m));
  return { dispatcher, sent, events };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('RpcDispatcher', () => {
  it('answers once with the value, and reports the call as a run event', async () => {
    const { dispatcher, sent, events } = setup({ 'x.echo': async (args) => args[0] });
    dispatcher.call(1, 'x.echo', ['hi']);
    await tick();
    expect(sent).toEqual([{ type: 'rpc-result', id: 1, ok: true, value: 'hi' }]);
    expect(events[0]).toMatchObject({ type: 'call', method: 'x.echo', ok: true });
  });

  it('turns a thrown error into an error answer for the spell', async () => {
    const { dispatcher, sent } = setup({ 'x.fail': async () => { throw new BridgeError('x.fail: no'); } });
    dispatcher.call(2, 'x.fail', []);
    await tick();
    expect(sent).toMatchObject([{ type: 'rpc-result', id: 2, ok: false, error: 'x.fail: no' }]);
  });

  it('aborts the handler when the spell cancels, and then never answers', async () => {
    let aborted = false;
    const { dispatcher, sent } = setup({
      'x.slow': (_args, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
            resolve('late');
          });
        }),
    });
    dispatcher.call(3, 'x.slow', []);
    await tick();
    dispatcher.cancel(3);
    await tick();
    expect(aborted).toBe(true);
    expect(sent).toEqual([]);
  });

  it('aborts every call in flight when the run ends', async () => {
    const signals: AbortSignal[] = [];
    const { dispatcher } = setup({ 'x.wait': (_args, ctx) => (signals.push(ctx.signal), new Promise(() => {})) });
    dispatcher.call(4, 'x.wait', []);
    dispatcher.call(5, 'x.wait', []);
    await tick();
    dispatcher.abortAll();
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
  });

  it('streams chunks as rpc events and token run events, until aborted', async () => {
    const { dispatcher, sent, events } = setup({
      'x.stream': async (_args, ctx) => {
        ctx.emit('a');
        ctx.emit('b');
        return 'ab';
      },
    });
    dispatcher.call(6, 'x.stream', []);
    await tick();
    expect(sent.map((m) => m.type)).toEqual(['rpc-event', 'rpc-event', 'rpc-result']);
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text)).toEqual(['a', 'b']);
  });

  it('never starts a call cancelled before it began', async () => {
    let started = false;
    const { dispatcher, sent } = setup({ 'x.never': async () => (started = true) });
    dispatcher.call(9, 'x.never', []);
    dispatcher.cancel(9);
    await tick();
    expect(started).toBe(false);
    expect(sent).toEqual([]);
  });

  it('refuses methods it does not have, including inherited names', async () => {
    const { dispatcher, sent } = setup({});
    dispatcher.call(7, 'toString', []);
    dispatcher.call(8, '__proto__', []);
    expect(sent).toEqual([
      { type: 'rpc-result', id: 7, ok: false, error: "unknown bridge function 'toString'" },
      { type: 'rpc-result', id: 8, ok: false, error: "unknown bridge function '__proto__'" },
    ]);
  });
});
