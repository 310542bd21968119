import { describe, expect, it } from 'vitest';
import { LuaFactory } from 'wasmoon';
import { LuaEngine } from '../../../../runtime/engines/lua/lua-engine';
import { CountingHost } from './counting-host';
import { Watchdog } from '../../../../runtime/host/watchdog';

const factory = new LuaFactory();
const limits = { timeoutMs: 60_000, memoryBytes: 64 * 2 ** 20 };

async function run(code: string, host: CountingHost, extra: { instructions?: number } = {}, engine?: LuaEngine) {
  const vm = engine ?? (await LuaEngine.create(factory));
  try {
    await vm.run({ code, fileName: 'spell.lua', params: {}, limits: { ...limits, ...extra } }, host);
  } finally {
    vm.close();
  }
}

describe('Lua limits without a per-instruction hook', () => {
  it('runs a CPU-bound spell without ever calling back into the host', async () => {
    const host = new CountingHost();
    await run('local n = 0\nfor i = 1, 3000000 do n = n + i % 7 end\nprint(n)', host);
    expect(host.output).toBe('8999997\n');
    expect(host.checks).toBe(0);
  });

  it('counts instructions only when a run asks for a budget, and its error names the line and cannot be caught', async () => {
    const host = new CountingHost();
    const spell = 'local caught = 0\nfor i = 1, 1e9 do\n  pcall(function() while true do end end)\n  caught = caught + 1\nend\nprint("escaped", caught)';
    await expect(run(spell, host, { instructions: 2_000_000 })).rejects.toThrow(
      /^spell\.lua:3: run exceeded its instruction limit \(2000000 instructions\)$/,
    );
    expect(host.output).toBe('');
    expect(host.checks).toBeGreaterThanOrEqual(200);
  });

  it('is interrupted from the watchdog thread while busy, in a coroutine, with the spell line', async () => {
    const host = new CountingHost();
    const engine = await LuaEngine.create(factory);
    const started = performance.now();
    new Watchdog().arm(Date.now() + 300, () => {
      host.stopReason = 'run exceeded its time limit (0.3 s)';
      engine.interrupt();
    });
    const spell = 'local co = coroutine.wrap(function()\n  local n = 0\n  while true do n = n + 1 end\nend)\nprint(pcall(co))\nprint("escaped")';
    await expect(run(spell, host, {}, engine)).rejects.toThrow(/^spell\.lua:3: run exceeded its time limit \(0\.3 s\)$/);
    expect(host.output).toBe('');
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
