import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../runtime/contract/run-events';
import { configuredHistoryLimits } from '../../../runtime/studio/history-limits';
import { RunHistory } from '../../../runtime/studio/run-history';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-history-');
afterAll(() => ws.cleanup());
const limits = { maxRuns: 3, maxOutputChars: 10, maxEvents: 4, maxEventChars: 10_000, maxFullOutputChars: 1000 };

function record(runId: string, startedAt: number) {
  return { runId, spellPath: '/spells/s', spellName: 's', params: { n: 1 }, startedAt, status: 'running' as const, output: '' };
}

describe('run history', () => {
  const dir = path.join(ws.dir, 'history');

  it('keeps the newest runs only, cuts long output and surplus events, always keeps `finished`', async () => {
    const history = new RunHistory(dir, limits);
    for (let i = 1; i <= 5; i++) {
      const runId = `run-${i}`;
      const recorder = history.begin(record(runId, 1_000 + i));
      const events: RunEvent[] = [
        { type: 'started', runId, at: 1 },
        ...Array.from({ length: 6 }, (_, k): RunEvent => ({ type: 'output', runId, stream: 'stdout', text: `line ${k}\n` })),
        { type: 'finished', runId, ok: true, durationMs: 5 },
      ];
      for (const event of events) recorder.add(event);
      await history.end(recorder, { runId, ok: true, durationMs: 5 }, 7);
    }
    const runs = await history.list({});
    expect(runs.map((r) => r.runId)).toEqual(['run-5', 'run-4', 'run-3']);
    // A record and its events per kept run, plus the full output of runs whose record copy was cut.
    expect(readdirSync(dir).filter((name) => !name.endsWith('.output.json'))).toHaveLength(6);
    expect(readdirSync(dir).filter((name) => name.endsWith('.output.json'))).toHaveLength(3);
    expect(await history.output('run-5')).toEqual({ text: Array.from({ length: 6 }, (_, k) => `line ${k}\n`).join(''), truncated: false });
    expect(runs[0]).toMatchObject({ status: 'ok', tokens: 7, durationMs: 5 });
    expect(runs[0]!.output).toMatch(/^line 0\nlin\n… output cut at 0 KB in run history\n$/);
    const { events } = await history.get('run-5');
    expect(events.map((e) => e.type)).toEqual(['started', 'output', 'output', 'output', 'log', 'finished']);
    expect(events[4]).toMatchObject({ level: 'warn', message: expect.stringContaining('3 more were not kept') });
  });

  it('reads the same history in a new process, with an unfinished run shown as interrupted', async () => {
    const first = new RunHistory(dir, limits);
    first.begin(record('crashed', 2_000));
    await first.flush();
    const again = new RunHistory(dir, limits);
    const runs = await again.list({});
    expect(runs[0]).toMatchObject({ runId: 'crashed', status: 'failed', error: { code: 'interrupted' } });
    // ... and on disk too, so no later reader sees it running.
    await again.flush();
    const file = readdirSync(dir).find((name) => name.endsWith('-crashed.run.json'))!;
    expect(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    expect((await again.list({ text: 'LINE 0' })).map((r) => r.runId)).toEqual(['run-5', 'run-4', 'run-3']);
    expect(await again.list({ path: '/elsewhere' })).toEqual([]);
    await expect(again.get('nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists live runs with their events so far, and keeps their full output up to its cap', async () => {
    const history = new RunHistory(path.join(ws.dir, 'live'), { ...limits, maxFullOutputChars: 12 });
    const recorder = history.begin(record('live-1', 3_000));
    recorder.add({ type: 'started', runId: 'live-1', at: 1 });
    recorder.add({ type: 'output', runId: 'live-1', stream: 'stdout', text: 'hello\n' });
    expect(history.active()).toEqual([{ run: expect.objectContaining({ runId: 'live-1', status: 'running' }), events: recorder.events }]);
    recorder.add({ type: 'output', runId: 'live-1', stream: 'stdout', text: 'world, and more\n' });
    expect(await history.output('live-1')).toEqual({ text: 'hello\nworld,', truncated: true });
    await history.end(recorder, { runId: 'live-1', ok: true, durationMs: 3 }, undefined);
    expect(history.active()).toEqual([]);
    expect(await history.output('live-1')).toEqual({ text: 'hello\nworld,', truncated: true });
  });

  it('reads the runs to keep from the configuration at each trim, and trims nothing while it cannot be read', async () => {
    let configured: () => number = () => 2;
    const history = new RunHistory(path.join(ws.dir, 'configured'), configuredHistoryLimits(() => configured()));
    const finish = async (runId: string, at: number) => {
      const recorder = history.begin(record(runId, at));
      await history.end(recorder, { runId, ok: true, durationMs: 1 }, undefined);
    };
    for (let i = 1; i <= 3; i++) await finish(`c-${i}`, 4_000 + i);
    expect((await history.list({})).map((r) => r.runId)).toEqual(['c-3', 'c-2']);
    configured = () => {
      throw new Error('config.yaml: bad YAML');
    };
    for (let i = 4; i <= 5; i++) await finish(`c-${i}`, 4_000 + i);
    expect((await history.list({})).map((r) => r.runId)).toEqual(['c-5', 'c-4', 'c-3', 'c-2']);
    configured = () => 1;
    await finish('c-6', 4_006);
    expect((await history.list({})).map((r) => r.runId)).toEqual(['c-6']);
  });
});
