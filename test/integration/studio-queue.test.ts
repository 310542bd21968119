/** Issue 12 item 8: the studio runs at most studio.max_runs runs at once; more wait in a queue. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, StudioTestClient } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-queue-');
afterAll(() => ws.cleanup());

describe('studio run queue', () => {
  it('queues runs beyond studio.max_runs and starts them as others end', async () => {
    const home = path.join(ws.dir, 'home');
    const project = path.join(ws.dir, 'project');
    const dir = path.join(project, 'spells', 'spin');
    mkdirSync(dir, { recursive: true });
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'config.yaml'), 'studio:\n  max_runs: 2\n');
    writeFileSync(path.join(dir, 'main.lua'), 'print("spinning")\nwhile true do end\n');
    const studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
    const client = await StudioTestClient.connect(studio);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await client.call('runs.start', { path: dir, params: {} })).runId);
      const [a, b, c, d] = ids as [string, string, string, string];
      await client.until(() => client.runEvents(a).find((e) => e.type === 'output') && client.runEvents(b).find((e) => e.type === 'output'));
      const queuedLog = (id: string) => client.runEvents(id).find((e) => e.type === 'log' && e.message.startsWith('queued: 2 runs are going (studio.max_runs is 2)'));
      expect(queuedLog(c)).toBeDefined();
      expect(queuedLog(d)).toBeDefined();
      expect(client.runEvents(c).some((e) => e.type === 'started')).toBe(false);

      // Stop on a queued run takes it off the queue; stopping a running one lets the next start.
      await client.call('runs.stop', { runId: d });
      expect(await client.finished(d, 5_000)).toMatchObject({ ok: false, error: { code: 'stopped' } });
      await client.call('runs.stop', { runId: a });
      await client.finished(a, 5_000);
      await client.until(() => client.runEvents(c).find((e) => e.type === 'output'), 10_000);
      expect(client.runEvents(d).some((e) => e.type === 'started')).toBe(false);
      for (const id of [b, c]) await client.call('runs.stop', { runId: id });
      await client.finished(c, 5_000);
    } finally {
      await client.close();
      await studio.stop();
    }
    expect(isAlive(studio.child.pid!)).toBe(false);
    expect(orphanedEngineProcesses()).toEqual([]);
  });
});
