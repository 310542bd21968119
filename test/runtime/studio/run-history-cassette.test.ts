import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cassette } from '../../../runtime/llm/cassette/cassette';
import { MockProvider } from '../../../runtime/llm/mock-provider';
import { RunHistory } from '../../../runtime/studio/run-history';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-history-cassette-');
afterAll(() => ws.cleanup());
const limits = { maxRuns: 2, maxOutputChars: 1000, maxEvents: 100, maxEventChars: 10_000, maxFullOutputChars: 1000 };

describe('a run’s cassette in the history', () => {
  it('is written before the record that names it, and removed with the run', async () => {
    const dir = path.join(ws.dir, 'history');
    const history = new RunHistory(dir, limits);
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const run = { runId: `run-${i}`, spellPath: '/s', spellName: 's', params: {}, startedAt: 1000 + i, status: 'running' as const, output: '' };
      const recorder = history.begin(run);
      const cassette = Cassette.record(history.cassetteFile(run), { saveOnEnd: false });
      await cassette.wrap(new MockProvider()).chat({ messages: [{ role: 'user', content: `q${i}` }] });
      files.push(cassette.file);
      await history.end(recorder, { runId: run.runId, ok: true, durationMs: 1 }, undefined, { cassette: { exchanges: cassette.size, save: () => cassette.save() } });
    }
    expect((await history.get('run-3')).run.cassette).toEqual({ exchanges: 1 });
    expect(Cassette.replay(files[2]!).mode).toBe('replay');
    // the oldest run went out of the history with its cassette
    expect(existsSync(files[0]!)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.cassette.json'))).toHaveLength(2);
  });

  it('is not named by the record when it could not be written', async () => {
    const dir = path.join(ws.dir, 'broken');
    const history = new RunHistory(dir, limits);
    const run = { runId: 'r', spellPath: '/s', spellName: 's', params: {}, startedAt: 1, status: 'running' as const, output: '' };
    const recorder = history.begin(run);
    await history.end(recorder, { runId: 'r', ok: true, durationMs: 1 }, undefined, { cassette: { exchanges: 1, save: () => Promise.reject(new Error('disk full')) } });
    expect((await history.get('r')).run.cassette).toBeUndefined();
  });
});
