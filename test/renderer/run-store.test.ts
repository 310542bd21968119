import { describe, expect, it } from 'vitest';
import { segmentsOf } from '../../renderer/state/console-buffer';
import { createRunStore } from '../../renderer/state/run-store';
import { FakeClient } from './fake-client';

describe('run store', () => {
  it('starts a run, takes events sent before the reply, streams, and ends', async () => {
    const client = new FakeClient();
    const run = createRunStore(client, () => 1000);
    client.handle('runs.start', () => {
      // The host may push `started` before it answers runs.start.
      run.getState().receive({ type: 'started', runId: 'r1', at: 1 });
      run.getState().receive({ type: 'token', runId: 'r1', text: 'Hel' });
      return { runId: 'r1' };
    });
    await run.getState().start('/lib/hello', { name: 'Ada' });
    expect(client.inputs('runs.start')).toEqual([{ path: '/lib/hello', params: { name: 'Ada' } }]);
    run.getState().receive({ type: 'token', runId: 'r1', text: 'lo' });
    expect(run.getState().view).toMatchObject({ status: 'running', runId: 'r1', chunks: 2, startedAt: 1000 });
    const row = run.getState().view.console.row(0);
    expect(row.kind === 'line' && segmentsOf(row)).toEqual([{ kind: 'token', text: 'Hello' }]);
    run.getState().receive({ type: 'finished', runId: 'r1', ok: true, durationMs: 50 });
    expect(run.getState().view.status).toBe('ok');
  });

  it('sends input lines and stops the run', async () => {
    const client = new FakeClient().handle('runs.start', () => ({ runId: 'r2' })).handle('runs.input', () => ({ ok: true })).handle('runs.stop', () => ({ ok: true }));
    const run = createRunStore(client);
    await run.getState().start('/lib/chat', {});
    run.getState().receive({ type: 'started', runId: 'r2', at: 1 });
    await run.getState().sendInput('hello');
    expect(client.inputs('runs.input')).toEqual([{ runId: 'r2', line: 'hello' }]);
    await run.getState().stop();
    expect(client.inputs('runs.stop')).toEqual([{ runId: 'r2' }]);
    expect(run.getState().view.stopping).toBe(true);
    run.getState().receive({ type: 'finished', runId: 'r2', ok: false, durationMs: 5, error: { message: 'stopped', code: 'stopped' } });
    expect(run.getState().view).toMatchObject({ status: 'stopped', stopping: false });
    await run.getState().sendInput('late');
    expect(client.inputs('runs.input')).toHaveLength(1);
  });

  it('shows a refused start as a failure with its message', async () => {
    const client = new FakeClient().handle('runs.start', () => {
      throw Object.assign(new Error('name: expected a string'), { code: 'bad_params' });
    });
    const run = createRunStore(client);
    await run.getState().start('/lib/hello', { name: 1 });
    expect(run.getState().view.status).toBe('failed');
    const { console } = run.getState().view;
    expect(console.row(console.length - 1)).toMatchObject({ kind: 'error', code: 'bad_params' });
  });

  it('shows a past run from history without accepting input', async () => {
    const client = new FakeClient().handle('runs.get', () => ({
      run: { runId: 'old', spellPath: '/lib/hello', spellName: 'hello', params: {}, startedAt: 1, status: 'ok', durationMs: 9, output: 'Hello\n', tokens: 4 },
      events: [{ type: 'output', runId: 'old', stream: 'stdout', text: 'Hello\n' }],
    }));
    const run = createRunStore(client);
    await run.getState().showPast('old');
    expect(run.getState().view).toMatchObject({ past: true, status: 'ok', tokens: 4 });
    await run.getState().sendInput('x');
    expect(client.inputs('runs.input')).toEqual([]);
  });
});
