import { afterAll, describe, expect, it } from 'vitest';
import type { BridgeHandlers } from '../../../runtime/bridges/types';
import { BudgetError, NESTED_SLACK_MS, RUN_BUDGET, RunBudget, type BudgetSettings } from '../../../runtime/host/run-budget';
import { Supervisor } from '../../../runtime/host/supervisor';

const supervisor = new Supervisor({ poolSize: 0, refillPool: false });
afterAll(() => supervisor.close());

const MB = 2 ** 20;
const settings = (extra: Partial<BudgetSettings> = {}): BudgetSettings => ({ timeoutMs: 10_000, memoryBytes: 64 * MB, maxDepth: 8, maxProcesses: 16, ...extra });
const lua = (code: string) => ({ spell: { engine: 'lua' as const, fileName: 'b.lua', code }, spellName: 'b', params: {} });
const noBridges = { bridges: {} as BridgeHandlers, services: {} };

/** The error `fn` throws. */
function thrown(fn: () => unknown): BudgetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BudgetError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('RunBudget', () => {
  it('caps the nesting depth and names the chain of runs', () => {
    const root = RunBudget.root(supervisor, settings({ maxDepth: 2 }), 'top.lua');
    const two = root.enter('a.workflow.yaml').enter('a.lua');
    expect(two.depth).toBe(2);
    expect(two.chain).toEqual(['top.lua', 'a.workflow.yaml', 'a.lua']);
    const error = thrown(() => two.enter('a.workflow.yaml'));
    expect(error.code).toBe('nesting_too_deep');
    expect(error.message).toBe('runs nest too deep: a.workflow.yaml would be level 3 below the top-level run, the limit is 2 (limits.max_depth): top.lua → a.workflow.yaml → a.lua → a.workflow.yaml');
    root.close();
  });

  it('gives the top-level run its limits and a nested run what is left, lowered by what it asks for', async () => {
    const root = RunBudget.root(supervisor, settings({ timeoutMs: 2_000 }), 'top.lua');
    expect(root.limits()).toEqual({ timeoutMs: 2_000, memoryBytes: 64 * MB });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const nested = root.enter('n.lua').limits();
    expect(nested.memoryBytes).toBe(64 * MB);
    expect(nested.timeoutMs).toBeLessThanOrEqual(1_500 + NESTED_SLACK_MS + 5);
    expect(nested.timeoutMs).toBeGreaterThan(1_000 + NESTED_SLACK_MS);
    expect(root.enter('n.lua').limits({ timeoutMs: 100, memoryBytes: 512 * MB })).toEqual({ timeoutMs: 100, memoryBytes: 64 * MB });
    root.close();
  });

  it('refuses a nested run once the time is used up', async () => {
    const root = RunBudget.root(supervisor, settings({ timeoutMs: 50 }), 'top.lua');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const error = thrown(() => root.enter('late.workflow.yaml'));
    expect(error).toMatchObject({ code: 'timeout', message: 'run exceeded its time limit (0.05 s)' });
    root.close();
  });

  it('starts runs through the one supervisor with the budget in their services, and caps live processes', async () => {
    const root = RunBudget.root(supervisor, settings({ maxProcesses: 1 }), 'top.lua');
    let seen: unknown;
    // Any bridge call will do to look at the services the run's calls get.
    const first = root.enter('one.lua').run(lua('print(io.read())'), {
      bridges: { 'io.read': async (_args, ctx) => ((seen = ctx.services[RUN_BUDGET]), 'ok') },
      services: {},
    });
    const error = thrown(() => root.enter('two.lua').run(lua('print(1)'), noBridges));
    expect(error.code).toBe('too_many_processes');
    expect(error.message).toBe('too many engine processes: the run already has 1 running, the limit is 1 (limits.max_processes): top.lua → two.lua');
    await first.done;
    expect(seen).toBeInstanceOf(RunBudget);
    expect((seen as RunBudget).chain).toEqual(['top.lua', 'one.lua']);
    // Once the first ended, its slot is free again.
    const outcome = await root.enter('two.lua').run(lua('print(2)'), noBridges).done;
    expect(outcome.ok).toBe(true);
    root.close();
  });

  it('ends every run still going, at once, when the top-level run closes it', async () => {
    const root = RunBudget.root(supervisor, settings(), 'top.lua');
    const busy = root.enter('busy.lua').run(lua('while true do end'), noBridges);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const closed = performance.now();
    root.close();
    const outcome = await busy.done;
    expect(performance.now() - closed).toBeLessThan(500);
    expect(outcome.error).toMatchObject({ code: 'stopped', message: 'the run it belongs to has ended' });
    expect(thrown(() => root.run(lua('print(1)'), noBridges)).code).toBe('stopped');
  });

  it('stops a nested run that outlives the top-level deadline with the top-level time limit', async () => {
    const root = RunBudget.root(supervisor, settings({ timeoutMs: 400 }), 'top.lua');
    // A nested run that asked for more time than the budget has cannot keep it.
    const outcome = await root.enter('slow.lua').run(lua('async.sleep(5)'), noBridges).done;
    expect(outcome.error?.code).toBe('timeout');
    expect(outcome.durationMs).toBeLessThan(3_000); // it asked to sleep 5 s
    root.close();
  });
});
