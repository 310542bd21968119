/**
 * `llmspell batch` on the embedded queue, through the real CLI: real engine processes, the local
 * OpenAI-compatible server as the provider, real files and a real SIGINT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../runtime/contract/batch';
import { CLI, ROOT, runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { ownOrphansAfter } from '../helpers/own-orphans';

const ws = tempWorkspace('llmspell-batch-');
let server: LlmServer;

beforeAll(async () => {
  server = await startLlmServer({ apiKey: 'sk-batch' });
  mkdirSync(path.join(ws.dir, 'greet'));
  ws.write(
    'greet/spell.yaml',
    ['name: greet', 'version: 1.0.0', 'description: greets', 'parameters:', '  - name: name', '    type: string', '    required: true', '  - name: n', '    type: integer', '    default: 1', 'permissions:', '  llm: true', ''].join('\n'),
  );
  ws.write('greet/main.lua', 'local answer = llm.chat("greet " .. params.name)\nprint(params.name .. " x" .. params.n .. ": " .. answer)\n');
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
});

const env = () => ({ HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: '', OPENAI_API_KEY: 'sk-batch', OPENAI_BASE_URL: server.url });

function readResults(file: string): BatchResult[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BatchResult);
}

function rowsFile(name: string, count: number): string {
  return ws.write(name, Array.from({ length: count }, (_, i) => JSON.stringify({ id: `r${i + 1}`, name: `person-${i + 1}`, n: i % 5 })).join('\n') + '\n');
}

describe('llmspell batch (embedded queue)', () => {
  it('runs 200 rows, one result line each with output and tokens; a second run skips them all', async () => {
    server.setLatency(20);
    const input = rowsFile('two-hundred.jsonl', 200);
    const first = await runCli(['batch', 'greet', '--input', input, '--concurrency', '8', '--json'], { cwd: ws.dir, env: env(), timeoutMs: 400_000 });
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    const output = path.join(ws.dir, 'two-hundred.results.jsonl');
    const results = readResults(output);
    expect(results).toHaveLength(200);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(200);
    expect(new Set(results.map((r) => r.key))).toEqual(new Set(Array.from({ length: 200 }, (_, i) => `r${i + 1}`)));
    const r7 = results.find((r) => r.key === 'r7')!;
    expect(r7).toMatchObject({ row: 7, status: 'ok', attempts: 1 });
    expect(r7.output).toBe('person-7 x1: echo: greet person-7\n');
    expect(r7.tokens!.total).toBeGreaterThan(0);
    // --json: progress events, one row event per row, and a closing summary.
    const events = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; progress?: { done: number; total: number } });
    expect(events.filter((e) => e.type === 'row')).toHaveLength(200);
    expect(events.at(-1)).toMatchObject({ type: 'summary', interrupted: false, progress: { total: 200, done: 200, ok: 200, failed: 0 } });
    expect(events.some((e) => e.type === 'progress' && e.progress!.done > 0 && e.progress!.done < 200)).toBe(true);

    const requests = server.requests.length;
    const again = await runCli(['batch', 'greet', '--input', input, '--json'], { cwd: ws.dir, env: env(), timeoutMs: 60_000 });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', progress: { skipped: 200, ok: 0 } });
    expect(server.requests.length).toBe(requests);
    expect(readResults(output)).toHaveLength(200);
    expect(await ownOrphansAfter(30_000)).toEqual([]);
  }, 480_000);

  it('records bad rows as failed rows with clear errors and runs the rest; --rerun-failed and --ordered', async () => {
    const input = ws.write('mixed.csv', 'id,name,n\na,Ada,2\nb,Bob,two\nc,,3\nd,Dee\ne,Eve,5\n');
    const result = await runCli(['batch', './greet', '--input', input, '--output', 'mixed-out.jsonl', '--ordered'], { cwd: ws.dir, env: env(), timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('5 rows: 2 ok, 3 failed');
    const results = readResults(path.join(ws.dir, 'mixed-out.jsonl'));
    expect(results.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed', 'failed', 'failed', 'ok']);
    expect(results[1]!.error).toEqual({ code: 'bad_row', message: 'line 3: parameter \'n\': expected an integer, got "two"' });
    expect(results[2]!.error!.message).toBe("line 4: missing required parameter 'name': add name=...");
    expect(results[3]!.error!.message).toMatch(/^line 5: .*columns length is 3, got 2/);
    expect(results[4]!.output).toBe('Eve x5: echo: greet Eve\n');

    // Fix the file: --rerun-failed runs only the failed rows; the fixed ones are new rows anyway.
    writeFileSync(input, 'id,name,n\na,Ada,2\nb,Bob,2\nc,Cy,3\nd,Dee,4\ne,Eve,5\n');
    const fixed = await runCli(['batch', './greet', '--input', input, '--output', 'mixed-out.jsonl', '--ordered', '--rerun-failed'], { cwd: ws.dir, env: env(), timeoutMs: 60_000 });
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('5 rows: 3 ok, 0 failed, 2 already done');
    const after = readResults(path.join(ws.dir, 'mixed-out.jsonl'));
    expect(after.map((r) => `${r.key}:${r.status}`)).toEqual(['a:ok', 'b:ok', 'c:ok', 'd:ok', 'e:ok']);
  }, 120_000);

  it('stops cleanly on Ctrl+C (SIGINT) and the next run resumes, every row exactly once', async () => {
    server.setLatency(150);
    const input = rowsFile('interrupt.jsonl', 60);
    const output = path.join(ws.dir, 'interrupt.results.jsonl');
    const child = spawn(process.execPath, [CLI, 'batch', 'greet', '--input', input, '--concurrency', '4'], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Wait for some rows to be done, then interrupt while others are running.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (!existsSync(output) || readResults(output).length < 8)) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toContain('interrupted after');
    expect(code).toBe(130);
    const partial = readResults(output);
    expect(partial.length).toBeGreaterThanOrEqual(8);
    expect(partial.length).toBeLessThan(60);
    expect(new Set(partial.map((r) => r.jobId)).size).toBe(partial.length);
    expect(await ownOrphansAfter(30_000)).toEqual([]);

    server.setLatency(10);
    const resumed = await runCli(['batch', 'greet', '--input', input, '--concurrency', '8'], { cwd: ws.dir, env: env(), timeoutMs: 120_000 });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`60 rows: ${60 - partial.length} ok, 0 failed, ${partial.length} already done`);
    const all = readResults(output);
    expect(all).toHaveLength(60);
    expect(new Set(all.map((r) => r.jobId)).size).toBe(60);
    expect(all.every((r) => r.status === 'ok')).toBe(true);
  }, 240_000);

  it('runs a workflow over rows: its outputs are each row\'s result, a wrong type fails its row', async () => {
    const input = ws.write('msgs.jsonl', '{"id":"m1","message":"Where is my parcel?"}\n{"id":"m2","message":42}\n');
    const workflow = path.join(ROOT, 'spells', 'workflows', 'classify-and-route.workflow.yaml');
    const result = await runCli(['batch', workflow, '--input', input, '--ordered'], { cwd: ws.dir, env: { ...env(), MOCK_LLM: 'true' }, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    const [ok, bad] = readResults(path.join(ws.dir, 'msgs.results.jsonl'));
    expect(ok).toMatchObject({ key: 'm1', status: 'ok', result: { route: 'question' } });
    expect(bad).toMatchObject({ key: 'm2', status: 'failed', error: { code: 'bad_row', message: "line 2: parameter 'message': expected a string, got 42" } });
  }, 90_000);

  it('refuses bad invocations with a clear usage error', async () => {
    const input = rowsFile('small.jsonl', 2);
    const noInput = await runCli(['batch', 'greet'], { cwd: ws.dir, env: env() });
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('--input is required');
    const badMap = await runCli(['batch', 'greet', '--input', input, '--param-map', 'x'], { cwd: ws.dir, env: env() });
    expect(badMap.stderr).toContain("--param-map expects column=parameter, got 'x'");
    const both = await runCli(['batch', 'greet', '--input', input, '--force', '--rerun-failed'], { cwd: ws.dir, env: env() });
    expect(both.stderr).toContain('--rerun-failed and --force cannot be used together');
    const missing = await runCli(['batch', 'nope', '--input', input], { cwd: ws.dir, env: env() });
    expect(missing.stderr).toContain('no spell named nope');
    expect(missing.code).toBe(2);
  }, 60_000);
});
