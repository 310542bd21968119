/**
 * The studio's `batches.*` methods over the real WebSocket of `llmspell studio`: preview, a batch
 * with a column mapping and a bad row, its events, its results, the run history entry, and resume.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../runtime/contract/batch';
import { tempWorkspace } from '../helpers/cli';
import { ownOrphansAfter } from '../helpers/own-orphans';
import { isAlive } from '../helpers/processes';
import { CallError, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-batches-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spellDir = path.join(project, 'spells', 'greeter');
let studio: StudioProcess;
let client: StudioTestClient;

const CSV = 'id,person,times\na,Ada,2\nb,Bob,x\nc,Cy,1\n';

/** The `batch` events of one batch received so far. */
function batchEvents(batchId: string): BatchEvent[] {
  return client.raw
    .map((t) => JSON.parse(t) as { event?: string; data?: { batchId: string; event: BatchEvent } })
    .filter((m) => m.event === 'batch' && m.data!.batchId === batchId)
    .map((m) => m.data!.event);
}

beforeAll(async () => {
  mkdirSync(spellDir, { recursive: true });
  writeFileSync(
    path.join(spellDir, 'spell.yaml'),
    'name: greeter\nversion: 1.0.0\ndescription: Greets\nengine: lua\nentry: main.lua\nparameters:\n  - name: name\n    type: string\n    required: true\n  - name: times\n    type: integer\n    default: 1\n',
  );
  writeFileSync(path.join(spellDir, 'main.lua'), 'for i = 1, params.times do print("Hello, " .. params.name .. " #" .. i) end\n');
  studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
  client = await StudioTestClient.connect(studio);
}, 60_000);

afterAll(async () => {
  await client.close();
  await studio.stop();
  expect(isAlive(studio.child.pid!)).toBe(false);
  expect(await ownOrphansAfter(30_000)).toEqual([]);
  ws.cleanup();
}, 60_000);

describe('studio batches', () => {
  it('previews a file: columns, rows and unreadable rows, running nothing', async () => {
    const preview = await client.call('batches.preview', { name: 'people.csv', content: `${CSV}d,Dee\n` });
    expect(preview).toMatchObject({ columns: ['id', 'person', 'times'], rows: 4, problems: [expect.stringMatching(/^line 5: /)] });
    await expect(client.call('batches.preview', { name: 'people.txt', content: 'x' })).rejects.toThrow('name: a .csv, .jsonl or .json file name');
  });

  it('runs a spell over every row with a column mapping; a bad row fails alone; results, events and history agree', async () => {
    const { batchId } = await client.call('batches.start', { path: spellDir, name: 'people.csv', content: CSV, paramMap: { person: 'name' }, concurrency: 2 });
    const summary = await client.until(() => batchEvents(batchId).find((e) => e.type === 'summary'), 120_000);
    expect(summary).toMatchObject({ type: 'summary', interrupted: false, progress: { total: 3, ok: 2, failed: 1 } });
    expect(batchEvents(batchId).filter((e) => e.type === 'row')).toHaveLength(3);

    const { batch, results } = await client.call('batches.get', { batchId });
    expect(batch).toMatchObject({ batchId, spellName: 'greeter', input: 'people.csv', status: 'failed' });
    expect(results.map((r) => `${r.key}:${r.status}`)).toEqual(['a:ok', 'b:failed', 'c:ok']);
    expect(results[0]!.output).toBe('Hello, Ada #1\nHello, Ada #2\n');
    expect(results[1]!.error).toEqual({ code: 'bad_row', message: 'line 3: parameter \'times\': expected an integer, got "x"' });
    expect((await client.call('batches.list', { path: spellDir })).map((b) => b.batchId)).toEqual([batchId]);

    // The batch is a run in the spell's history, with a line per row.
    const history = await client.call('runs.history', { path: spellDir });
    const run = history.find((r) => r.params.batch === 'people.csv')!;
    expect(run).toMatchObject({ spellName: 'greeter', status: 'failed', params: { rows: 3 } });
    expect(run.output).toContain('row 1 (a) ok: Hello, Ada #1');
    expect(run.output).toContain("row 2 (b) failed: line 3: parameter 'times'");
  }, 180_000);

  it('starting the same batch again resumes it: done rows are skipped, failed ones rerun on request', async () => {
    const again = await client.call('batches.start', { path: spellDir, name: 'people.csv', content: CSV, paramMap: { person: 'name' }, rerunFailed: true });
    const summary = await client.until(() => batchEvents(again.batchId).filter((e) => e.type === 'summary')[1], 120_000);
    expect(summary).toMatchObject({ progress: { total: 3, skipped: 2, failed: 1, ok: 0 } });
    await expect(client.call('batches.get', { batchId: 'nope' })).rejects.toBeInstanceOf(CallError);
  }, 180_000);
});
