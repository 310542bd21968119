/**
 * The studio's history keeps `studio.history_runs` finished runs (default 500): the oldest go as new
 * ones end. An untrusted project cannot lower it (the history holds every spell's runs).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { startStudio, StudioTestClient } from '../helpers/studio';

const ws = tempWorkspace('llmspell-history-runs-');
afterAll(() => ws.cleanup());

/** Seeds `count` finished runs of another spell, oldest first. */
function seedRuns(home: string, count: number): void {
  const dir = path.join(home, 'history');
  mkdirSync(dir, { recursive: true });
  const base = Date.now() - count * 1000 - 60_000;
  for (let i = 0; i < count; i++) {
    const record = { runId: `seed-${i}`, spellPath: '/elsewhere/old-spell', spellName: 'old-spell', params: {}, startedAt: base + i * 1000, status: 'ok', durationMs: 40, output: `run ${i}\n` };
    writeFileSync(path.join(dir, `${record.startedAt}-${record.runId}.run.json`), JSON.stringify(record));
  }
}

/** Runs `spell` once in a studio over `home` and `project`; returns the run ids the history then lists and the record files left. */
async function runOnce(home: string, project: string, spell: string): Promise<{ listed: string[]; files: string[] }> {
  const studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
  const client = await StudioTestClient.connect(studio);
  try {
    const { runId } = await client.call('runs.start', { path: spell, params: {} });
    expect(await client.finished(runId, 20_000)).toMatchObject({ ok: true });
    // the trim follows the run's end in the history's write queue
    let listed: string[] = [];
    for (let tries = 0; tries < 100; tries++) {
      const runs = (await client.call('runs.history', {})) as { runId: string; status: string }[];
      listed = runs.map((r) => r.runId);
      if (runs.some((r) => r.runId === runId && r.status === 'ok') && runs.length <= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { listed, files: readdirSync(path.join(home, 'history')).filter((n) => n.endsWith('.run.json')) };
  } finally {
    await client.close();
    await studio.stop();
  }
}

describe('studio.history_runs', () => {
  it('keeps the configured number of runs, the newest, and an untrusted project cannot lower it', async () => {
    const home = path.join(ws.dir, 'home');
    const project = path.join(ws.dir, 'project');
    mkdirSync(home, { recursive: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(home, 'config.yaml'), 'studio:\n  history_runs: 4\n');
    writeFileSync(path.join(project, 'llmspell.yaml'), 'studio:\n  history_runs: 1\n');
    const spell = path.join(project, 'spells', 'hi');
    mkdirSync(spell, { recursive: true });
    writeFileSync(path.join(spell, 'main.lua'), 'print("hi")\n');
    seedRuns(home, 6);

    const { listed, files } = await runOnce(home, project, spell);
    expect(listed).toHaveLength(4);
    expect(listed.slice(1)).toEqual(['seed-5', 'seed-4', 'seed-3']);
    expect(files).toHaveLength(4);
  });
});
