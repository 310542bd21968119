/**
 * A Lua spell asks for the engine's watchdog thread (EngineHost.busy) only once it has computed a
 * while without yielding: a short spell never does, a busy one does at once, also in coroutines, and
 * the count that asks costs no host check (the VM runs without a per-instruction hook afterwards).
 */
import { describe, expect, it } from 'vitest';
import { LuaFactory } from 'wasmoon';
import { LuaEngine } from '../../../../runtime/engines/lua/lua-engine';
import { CountingHost } from './counting-host';

const factory = new LuaFactory();
const limits = { timeoutMs: 60_000, memoryBytes: 64 * 2 ** 20 };

async function run(code: string, extra: { instructions?: number } = {}): Promise<CountingHost> {
  const host = new CountingHost();
  const vm = await LuaEngine.create(factory);
  try {
    await vm.run({ code, fileName: 'spell.lua', params: {}, limits: { ...limits, ...extra } }, host);
  } finally {
    vm.close();
  }
  return host;
}

describe('a Lua spell and the watchdog thread', () => {
  it('a short spell never asks for it', async () => {
    const host = await run('local t = {}\nfor i = 1, 1000 do t[i] = i * 2 end\nprint(#t)');
    expect(host).toMatchObject({ output: '1000\n', busyCalls: 0, checks: 0 });
  });

  it('a computing spell asks once, early, and is not hooked afterwards', async () => {
    const host = await run('local n = 0\nfor i = 1, 3000000 do n = n + i % 7 end\nprint(n)');
    expect(host).toMatchObject({ output: '8999997\n', busyCalls: 1, checks: 0 });
  });

  it('a spell computing in a coroutine asks too', async () => {
    const host = await run('local co = coroutine.wrap(function()\n  local n = 0\n  for i = 1, 3000000 do n = n + 1 end\n  return n\nend)\nprint(co())');
    expect(host).toMatchObject({ output: '3000000\n', busyCalls: 1, checks: 0 });
  });

  it('many short coroutines ask at once rather than each run hooked', async () => {
    const host = await run('local s = 0\nfor i = 1, 40 do s = s + coroutine.wrap(function() return i end)() end\nprint(s)');
    expect(host).toMatchObject({ output: '820\n', busyCalls: 1 });
  });

  it('an instruction budget needs no watchdog: its own hook checks the deadline', async () => {
    const host = await run('local n = 0\nfor i = 1, 300000 do n = n + 1 end\nprint(n)', { instructions: 10_000_000 });
    expect(host.busyCalls).toBe(0);
    expect(host.checks).toBeGreaterThan(10);
  });
});
