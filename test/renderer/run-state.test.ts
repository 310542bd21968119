import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../runtime/contract/run-events';
import { segmentsOf } from '../../renderer/state/console-buffer';
import { fileLineRefs, formatDuration } from '../../renderer/state/run-console';
import { adoptRunId, echoInput, fromHistory, idleView, reduceRun, routeEvent, startFailed, starting, type RunView } from '../../renderer/state/run-state';

/** The console's rows as [kind, text]: a line's segments as `kind:text` joined. */
const rows = (view: RunView) =>
  Array.from({ length: view.console.length }, (_, i) => view.console.row(i)).map((row) =>
    row.kind === 'line' ? ['line', segmentsOf(row).map((s) => `${s.kind}:${s.text}`).join('|')] : [row.kind, row.text],
  );
const last = (view: RunView) => view.console.row(view.console.length - 1);

const r = 'run-1';
const ev = {
  started: { type: 'started', runId: r, at: 1 } as RunEvent,
  out: (text: string) => ({ type: 'output', runId: r, stream: 'stdout', text }) as RunEvent,
  token: (text: string) => ({ type: 'token', runId: r, text }) as RunEvent,
  log: { type: 'log', runId: r, level: 'warn', message: 'careful', fields: { n: 1 } } as RunEvent,
  finished: (ok: boolean, code?: string) => ({ type: 'finished', runId: r, ok, durationMs: 1234, ...(code ? { error: { message: `${code}!`, code, file: 'main.lua', line: 3 } } : {}) }) as RunEvent,
};

describe('run state', () => {
  it('streams output and LLM tokens into lines', () => {
    let view = adoptRunId(starting('/s', 0), r);
    for (const e of [ev.started, ev.out('Hello, '), ev.out('Ada\n'), ev.token('The '), ev.token('answer'), ev.log, ev.out('done\n')]) view = reduceRun(view, e);
    expect(view.status).toBe('running');
    expect(view.chunks).toBe(2);
    expect(rows(view)).toEqual([
      ['line', 'stdout:Hello, Ada'],
      ['line', 'token:The answer'],
      ['log', 'careful n=1'],
      ['line', 'stdout:done'],
    ]);
    expect(new Set(Array.from({ length: 4 }, (_, i) => view.console.row(i).id)).size).toBe(4);
  });

  it('ends ok, failed or stopped, with the error linked to its line', () => {
    const run = adoptRunId(starting('/s', 0), r);
    expect(reduceRun(run, ev.finished(true))).toMatchObject({ status: 'ok', durationMs: 1234 });
    const failed = reduceRun(run, ev.finished(false, 'spell_error'));
    expect(failed.status).toBe('failed');
    expect(last(failed)).toMatchObject({ kind: 'error', code: 'spell_error', file: 'main.lua', line: 3 });
    expect(reduceRun(run, ev.finished(false, 'stopped')).status).toBe('stopped');
  });

  it('keeps events that arrive before the runId, and replays only that run', () => {
    let view = starting('/s', 0);
    view = routeEvent(view, ev.started);
    view = routeEvent(view, ev.out('early\n'));
    view = routeEvent(view, { type: 'output', runId: 'other', stream: 'stdout', text: 'not mine' });
    expect(rows(view)).toEqual([]);
    view = adoptRunId(view, r);
    expect(view.early).toEqual([]);
    expect(rows(view)).toEqual([['line', 'stdout:early']]);
    expect(routeEvent(view, { type: 'output', runId: 'other', stream: 'stdout', text: 'x' })).toBe(view);
  });

  it('ignores events while idle or while showing a past run', () => {
    const idle = idleView();
    expect(routeEvent(idle, ev.out('x'))).toBe(idle);
  });

  it('echoes input lines and reports a refused start', () => {
    const view = echoInput(adoptRunId(starting('/s', 0), r), 'Ada');
    expect(rows(view)).toEqual([['line', 'input:Ada']]);
    const refused = startFailed(starting('/s', 0), 'name: expected a string', 'bad_params');
    expect(refused.status).toBe('failed');
    expect(last(refused)).toMatchObject({ kind: 'error', text: 'name: expected a string' });
  });

  it('rebuilds a past run from its record and events', () => {
    const record = { runId: r, spellPath: '/s', spellName: 's', params: {}, startedAt: 5, status: 'ok' as const, durationMs: 99, output: 'hi\n', tokens: 12 };
    const view = fromHistory(record, [ev.started, ev.out('hi\n'), ev.finished(true)]);
    expect(view).toMatchObject({ past: true, status: 'ok', tokens: 12, durationMs: 99 });
    expect(rows(view)[0]).toEqual(['line', 'stdout:hi']);
    expect(rows(fromHistory(record, []))[0]).toEqual(['line', 'stdout:hi']);
    // A past run takes no live events.
    expect(routeEvent(view, ev.out('more'))).toBe(view);
  });

  it('finds file:line references and formats durations', () => {
    expect(fileLineRefs('main.lua:12: attempt to call nil (lib/x.lua:3)')).toEqual([
      { start: 0, end: 11, file: 'main.lua', line: 12 },
      { start: 34, end: 45, file: 'lib/x.lua', line: 3 },
    ]);
    expect([formatDuration(850), formatDuration(1234), formatDuration(125_000)]).toEqual(['850 ms', '1.2 s', '2 min 5 s']);
  });
});
