import { describe, expect, it } from 'vitest';
import { llmHandlers } from '../../../runtime/bridges/llm';
import { stdlibHandlers } from '../../../runtime/bridges/stdlib-services';
import type { BridgeCallContext, BridgeHandlers } from '../../../runtime/bridges/types';
import { LAZY_BRIDGES, lazyBridge, lazyHandlers } from '../../../runtime/services/lazy-bridges';

const ctx = { runId: 'r', signal: new AbortController().signal, emit: () => {}, services: {} } as BridgeCallContext;

describe('the lazily loaded bridges', () => {
  it('list exactly the methods their modules handle', () => {
    expect([...LAZY_BRIDGES.llm.methods].sort()).toEqual(Object.keys(llmHandlers).sort());
    expect([...LAZY_BRIDGES.stdlib.methods].sort()).toEqual(Object.keys(stdlibHandlers).sort());
  });

  it('load their module on the first call, once, and answer as the module does', async () => {
    let loads = 0;
    const real: BridgeHandlers = { 'x.echo': (args) => Promise.resolve(args[0]), 'x.fail': () => Promise.reject(new Error('no')) };
    const lazy = lazyHandlers(['x.echo', 'x.fail'], () => {
      loads++;
      return Promise.resolve(real);
    });
    expect(Object.keys(lazy)).toEqual(['x.echo', 'x.fail']);
    expect(loads).toBe(0);
    expect(await lazy['x.echo']!(['hi'], ctx)).toBe('hi');
    await expect(lazy['x.fail']!([], ctx)).rejects.toThrow('no');
    expect(await lazy['x.echo']!([2], ctx)).toBe(2);
    expect(loads).toBe(1);
  });

  it('call into the real module (a storage call without a storage service fails as it does there)', async () => {
    const lazy = lazyBridge('stdlib');
    const direct = await stdlibHandlers['storage.read']!(['a.txt'], ctx).catch((error: Error) => error.message);
    const viaLazy = await lazy['storage.read']!(['a.txt'], ctx).catch((error: Error) => error.message);
    expect(viaLazy).toBe(direct);
  });
});
