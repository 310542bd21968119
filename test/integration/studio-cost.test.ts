/**
 * Issue 15 through the real studio server: prices and the cost cap set with `settings.update`, each
 * LLM call of a run as an `llm` event with its cost, the run's cost in history, and the cap stopping
 * a run with `cost_limit`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { closeStudio, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-cost-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spell = path.join(project, 'spells', 'asker');
let server: LlmServer;
let studio: StudioProcess;
let client: StudioTestClient;
/** What one call of the spell costs at the price set here (from the second test). */
let perCall = 0;

beforeAll(async () => {
  server = await startLlmServer();
  mkdirSync(spell, { recursive: true });
  writeFileSync(path.join(spell, 'main.lua'), 'for i = 1, 5 do\n  local a, err = llm.chat("question " .. i)\n  print(i, a ~= nil, err)\nend\nprint("all asked")\n');
  studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: '', OPENAI_API_KEY: 'sk-x', OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'studio-model' } });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await closeStudio(studio, client);
  await server.close();
  ws.cleanup();
});

describe('cost in the studio', () => {
  it('lists the shipped prices, and saves prices and a cost cap of its own', async () => {
    const before = await client.call('settings.get', {});
    expect(before.prices.find((p) => p.model === 'gpt-4o')).toEqual({ model: 'gpt-4o', input: 2.5, output: 10, source: 'default' });
    expect(before.prices.some((p) => p.model === 'studio-model')).toBe(false);
    expect(before.limits.cost).toBeUndefined();
    await expect(client.call('settings.update', { prices: { '../x': { input: 1, output: 1 } } })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^prices\.\.\.\/x: /) });
    await expect(client.call('settings.update', { limits: { cost: -1 } })).rejects.toMatchObject({ message: expect.stringMatching(/^limits\.cost: /) });
    const view = await client.call('settings.update', { prices: { 'studio-model': { input: 0, output: 1000 } } });
    expect(view.prices.find((p) => p.model === 'studio-model')).toEqual({ model: 'studio-model', input: 0, output: 1000, source: 'studio' });
    expect(JSON.parse(readFileSync(path.join(home, 'studio-settings.json'), 'utf8')).prices).toEqual({ 'studio-model': { input: 0, output: 1000 } });
  });

  it('records every LLM call with its model, tokens, latency and cost, and the run\'s cost in history', async () => {
    const { runId } = await client.call('runs.start', { path: spell, params: {} });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    const calls = client.runEvents(runId).filter((e) => e.type === 'llm');
    expect(calls).toHaveLength(5);
    for (const call of calls) {
      expect(call).toMatchObject({ provider: 'openai', model: 'studio-model', ok: true, priced: true });
      expect(call.inputTokens).toBeGreaterThan(0);
      expect(call.outputTokens).toBeGreaterThan(0);
      expect(call.cost).toBeCloseTo((call.outputTokens * 1000) / 1e6, 9);
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
    }
    const total = calls.reduce((t, c) => t + c.cost, 0);
    perCall = Math.max(...calls.map((c) => c.cost));
    expect(calls.at(-1)!.totalCost).toBeCloseTo(total, 9);
    const { run, events } = await client.call('runs.get', { runId });
    expect(run.cost).toBeCloseTo(total, 6);
    expect(events.filter((e) => e.type === 'llm')).toHaveLength(5);
  });

  it('stops a run at the cost cap with cost_limit, and a removed cap lets it finish', async () => {
    expect(perCall).toBeGreaterThan(0);
    // the answers are alike and prompts are free: two calls fit, the third takes the run past the cap
    await client.call('settings.update', { limits: { cost: perCall * 2.5 } });
    const { runId } = await client.call('runs.start', { path: spell, params: {} });
    const finished = await client.finished(runId);
    expect(finished).toMatchObject({ ok: false, error: { code: 'cost_limit' } });
    const { run } = await client.call('runs.get', { runId });
    expect(run.status).toBe('failed');
    expect(run.output).not.toMatch(/^[45]\ttrue/m);
    expect(client.runEvents(runId).filter((e) => e.type === 'llm' && e.ok)).toHaveLength(3);
    expect(finished.error?.message).toMatch(/^LLM cost limit exceeded: the run spent \$0\.\d{4}, over its limit of \$0\.\d{4} \(limits\.cost\)/);

    const view = await client.call('settings.update', { limits: { cost: null } });
    expect(view.limits.cost).toBeUndefined();
    const again = await client.call('runs.start', { path: spell, params: {} });
    expect(await client.finished(again.runId)).toMatchObject({ ok: true });
  });
});
