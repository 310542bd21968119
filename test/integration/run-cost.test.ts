/**
 * Issue 15: what a run's LLM calls cost, through the real CLI against the local OpenAI-compatible
 * server (which reports usage tokens): `--json` gives the cost per model, `--verbose` a summary line,
 * and `limits.cost` / `--max-cost` stop a run with `cost_limit`.
 */
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const ws = tempWorkspace('llmspell-run-cost-');
let server: LlmServer;

beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'sk-cost' });
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
});

const env = () => ({ HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: '', OPENAI_API_KEY: 'sk-cost', OPENAI_BASE_URL: server.url });

/** Four calls, each printing whether it got an answer (a refused call is `nil, message` in Lua). */
const SPELL = `
for i = 1, 4 do
  local answer, err = llm.chat(string.rep("word ", 200) .. i, { model = i % 2 == 1 and "gpt-4o" or "gpt-4o-mini" })
  print(i, answer ~= nil, err)
end
`;

function project(name: string, yaml = ''): string {
  const dir = path.join(ws.dir, name);
  mkdirSync(dir, { recursive: true });
  if (yaml) writeFileSync(path.join(dir, 'llmspell.yaml'), yaml);
  writeFileSync(path.join(dir, 'spell.lua'), SPELL);
  return dir;
}

interface Report {
  ok: boolean;
  output: string;
  error: { code: string; message: string } | null;
  usage: { calls: { model: string; promptTokens: number; completionTokens: number }[] };
  cost: { currency: string; total: number; limit?: number; models: Record<string, { calls: number; inputTokens: number; outputTokens: number; cost: number; priced: boolean }> };
}

describe('run cost', () => {
  it('--json reports the cost per model at the shipped prices, from the tokens the server reported', async () => {
    const dir = project('json');
    const result = await runCli(['run', 'spell.lua', '--json'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(true);
    const { models } = report.cost;
    expect(Object.keys(models).sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    // the tokens are the server's own counts, priced at $2.50/$10 and $0.15/$0.60 per million
    const calls = report.usage.calls;
    const tokens = (model: string) => calls.filter((c) => c.model === model).reduce((t, c) => ({ in: t.in + c.promptTokens, out: t.out + c.completionTokens }), { in: 0, out: 0 });
    const big = tokens('gpt-4o');
    const small = tokens('gpt-4o-mini');
    expect(big.in).toBeGreaterThan(100);
    expect(models['gpt-4o']).toMatchObject({ calls: 2, inputTokens: big.in, outputTokens: big.out, priced: true });
    expect(models['gpt-4o']!.cost).toBeCloseTo((big.in * 2.5 + big.out * 10) / 1e6, 6);
    expect(models['gpt-4o-mini']!.cost).toBeCloseTo((small.in * 0.15 + small.out * 0.6) / 1e6, 6);
    expect(report.cost.total).toBeCloseTo(models['gpt-4o']!.cost + models['gpt-4o-mini']!.cost, 6);
    expect(report.cost.currency).toBe('USD');
    expect(report.cost.limit).toBeUndefined();
  });

  it('prices from the configuration replace the shipped ones, but an untrusted project may not lower one; --verbose prints a summary line', async () => {
    const dir = project('verbose', 'prices:\n  gpt-4o: { input: 1000 }\n  gpt-4o-mini-2024-07-18: { input: 0, output: 0 }\n');
    const result = await runCli(['run', 'spell.lua', '--verbose'], { cwd: dir, env: env() });
    expect(result.code).toBe(0);
    // a lower price would stretch the user's cost cap: dropped, even under a more specific model id
    expect(result.stderr).toContain('./llmspell.yaml sets prices.gpt-4o-mini-2024-07-18.input, ignored in an untrusted folder: it is below your own price of 0.15');
    const line = result.stderr.split('\n').find((l) => l.startsWith('[cost] '));
    expect(line).toMatch(/^\[cost\] spell: \$0\.\d{4} \(gpt-4o: 2 calls, (\d+) in \/ \d+ out tokens, \$0\.\d{4}; gpt-4o-mini: 2 calls, \d+ in \/ \d+ out tokens, \$0\.000\d\)$/);
    const [, input, output] = /gpt-4o: 2 calls, (\d+) in \/ (\d+) out/.exec(line!)!.map(Number);
    expect(line).toContain(`$${((input! * 1000 + output! * 10) / 1e6).toFixed(4)};`);
  });

  it('limits.cost stops the run with cost_limit once a call took it past the cap', async () => {
    // the server echoes ~200 tokens, at $1,000 per million output tokens: each gpt-4o call costs about
    // $0.2, and its prompt about $0.0005, so the look-ahead lets the third call go and the cap stops the run after it
    const dir = project('cap', 'prices:\n  gpt-4o: { output: 1000 }\nlimits:\n  cost: 0.3\n');
    const result = await runCli(['run', 'spell.lua', '--json'], { cwd: dir, env: env() });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('cost_limit');
    // the first gpt-4o call is within the cap; the second one (call 3) takes the run past it
    expect(report.output.startsWith('1\ttrue\tnil\n2\ttrue\tnil\n')).toBe(true);
    // a fourth call may be refused before the stop reaches the spell; none is answered
    expect(report.output).not.toMatch(/^4\ttrue/m);
    expect(report.error?.message).toMatch(/^LLM cost limit exceeded: the run spent \$0\.\d{4}, over its limit of \$0\.3000 \(limits\.cost\); the last call to gpt-4o cost \$0\.\d{4}/);
    expect(report.cost.limit).toBe(0.3);
    expect(report.cost.total).toBeGreaterThan(0.3);
  });

  it('refuses a call whose prompt alone would pass the cap, before it reaches the server', async () => {
    const dir = project('ahead', 'prices:\n  gpt-4o: { input: 10000 }\n');
    const before = server.requests.length;
    const result = await runCli(['run', 'spell.lua', '--json', '--max-cost', '0.5'], { cwd: dir, env: env() });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.error?.code).toBe('cost_limit');
    expect(report.error?.message).toMatch(/^LLM cost limit reached: the next call to gpt-4o would cost about \$\d\.\d\d for its prompt alone, and the run has spent \$0 of its \$0\.5000 \(limits\.cost\)/);
    // the spell may or may not print the refused call's `nil, message` before the stop reaches it; it never gets further
    expect(report.output).not.toContain('true');
    expect(report.output).not.toContain('2\t');
    expect(server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(0);
  });

  it('a manifest may lower the cap but not raise it; --max-cost is the user\'s own choice', async () => {
    const dir = path.join(ws.dir, 'manifest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: costly\nversion: 1.0.0\nlimits:\n  cost: 5\n');
    writeFileSync(path.join(dir, 'main.lua'), SPELL);
    writeFileSync(path.join(ws.dir, 'llmspell.yaml'), 'prices:\n  gpt-4o: { input: 1000 }\nlimits:\n  cost: 0.3\n');
    const capped = await runCli(['run', 'manifest', '--json'], { cwd: ws.dir, env: env() });
    expect(capped.stderr).toContain('costly asks for limits.cost $5, above your limit of $0.3; running with $0.3 (pass --max-cost 5 to allow it)');
    expect((JSON.parse(capped.stdout) as Report).error?.code).toBe('cost_limit');
    const allowed = await runCli(['run', 'manifest', '--json', '--max-cost', '5'], { cwd: ws.dir, env: env() });
    const report = JSON.parse(allowed.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.cost.limit).toBe(5);
  });

  it('a workflow run reports its cost in --json and stops at its cap with cost_limit', async () => {
    const dir = path.join(ws.dir, 'flow');
    mkdirSync(dir, { recursive: true });
    const flow = [
      'name: two-asks',
      'nodes:',
      '  - { id: a, type: llm, config: { prompt: "first question", model: gpt-4o } }',
      '  - { id: b, type: llm, config: { prompt: "second {{a}}", model: gpt-4o } }',
      '  - { id: out, type: output, config: { name: answer } }',
      'edges:',
      '  - { from: a, to: b.a }',
      '  - { from: b, to: out }',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'two.workflow.yaml'), flow);
    const free = await runCli(['run', 'two.workflow.yaml', '--json'], { cwd: dir, env: env() });
    expect(free.code).toBe(0);
    const finished = free.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; cost?: Report['cost'] }).find((e) => e.type === 'run-finished')!;
    expect(finished.cost?.models['gpt-4o']).toMatchObject({ calls: 2, priced: true });
    expect(finished.cost!.total).toBeGreaterThan(0);

    writeFileSync(path.join(dir, 'llmspell.yaml'), 'prices:\n  gpt-4o: { output: 100000 }\n');
    const capped = await runCli(['run', 'two.workflow.yaml', '--json', '--max-cost', '0.01'], { cwd: dir, env: env() });
    expect(capped.code).toBe(1);
    const end = capped.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; ok?: boolean; error?: { code: string; message: string }; cost?: Report['cost'] }).find((e) => e.type === 'run-finished')!;
    expect(end.ok).toBe(false);
    expect(end.error?.code).toBe('cost_limit');
    expect(end.cost?.models['gpt-4o']?.calls).toBe(1);
    expect(end.cost?.limit).toBe(0.01);
  });

  it('a batch fills each row\'s cost and the total', async () => {
    const dir = path.join(ws.dir, 'batch');
    mkdirSync(path.join(dir, 'ask'), { recursive: true });
    writeFileSync(path.join(dir, 'ask', 'spell.yaml'), 'name: ask\nversion: 1.0.0\nparameters:\n  - { name: q, type: string, required: true }\n');
    writeFileSync(path.join(dir, 'ask', 'main.lua'), 'print(llm.chat(params.q, { model = "gpt-4o-mini" }))\n');
    writeFileSync(path.join(dir, 'rows.jsonl'), ['{"q":"one"}', '{"q":"two"}', '{"q":"three"}', ''].join('\n'));
    const result = await runCli(['batch', 'ask', '--input', 'rows.jsonl', '--json'], { cwd: dir, env: env(), timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    const rows = readFileSync(path.join(dir, 'rows.results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { cost?: number; tokens?: { prompt: number; completion: number } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.cost).toBeCloseTo((row.tokens!.prompt * 0.15 + row.tokens!.completion * 0.6) / 1e6, 6);
    const summary = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; progress?: { cost?: number } }).reverse().find((e) => e.progress?.cost !== undefined);
    expect(summary?.progress?.cost).toBeCloseTo(rows.reduce((t, r) => t + r.cost!, 0), 6);
  });

  it('a spell run by the run spends the same cost budget: the cap stops the whole tree', async () => {
    const dir = path.join(ws.dir, 'nested');
    mkdirSync(path.join(dir, 'spells', 'asker'), { recursive: true });
    // the library spell asks twice per run; the caller runs it again and again
    writeFileSync(path.join(dir, 'spells', 'asker', 'spell.yaml'), 'name: asker\nversion: 1.0.0\n');
    writeFileSync(path.join(dir, 'spells', 'asker', 'main.lua'), 'for i = 1, 2 do llm.chat(string.rep("word ", 100), { model = "gpt-4o" }) end\nprint("asked")\n');
    writeFileSync(path.join(dir, 'caller.lua'), 'for round = 1, 10 do\n  local out, err = spell.run("asker", {})\n  print(round, out ~= nil, err)\nend\nprint("never reached")\n');
    writeFileSync(path.join(dir, 'llmspell.yaml'), 'prices:\n  gpt-4o: { output: 1000 }\n');
    // each call costs about $0.1 (the echoed answer is ~100 output tokens at $1,000 per million)
    const result = await runCli(['run', 'caller.lua', '--json', '--max-cost', '0.5'], { cwd: dir, env: env(), timeoutMs: 60_000 });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.error?.code).toBe('cost_limit');
    expect(report.output).not.toContain('never reached');
    // the tree's cost, nested calls included, went just past the cap: not 10 rounds of it
    expect(report.cost.models['gpt-4o']!.calls).toBeGreaterThanOrEqual(5);
    expect(report.cost.models['gpt-4o']!.calls).toBeLessThanOrEqual(7);
    expect(report.cost.total).toBeGreaterThan(0.5);
    expect(report.cost.total).toBeLessThan(0.8);
  });
});
