import type { ErrorInfo } from '../../runtime/contract/engine-protocol';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { RunRecord } from '../../runtime/contract/studio-api';
import { ConsoleBuffer, DEFAULT_MAX_ROWS } from './console-buffer';
import { entryFor, type ConsoleItem } from './run-console';

/** Where a run is: `starting` between the click and the host's runId. */
export type RunStatus = 'idle' | 'starting' | 'running' | 'ok' | 'failed' | 'stopped';

/** What the Run panel and Output console show: the current run, or a past one from history. */
export interface RunView {
  status: RunStatus;
  runId?: string;
  spellPath?: string;
  /** Wall-clock start (ms since epoch), for the live duration. */
  startedAt?: number;
  durationMs?: number;
  /** Streamed LLM chunks seen so far. */
  chunks: number;
  /** Tokens used, once the host reports them. */
  tokens?: number;
  error?: ErrorInfo;
  /** The console's rows (mutated in place); `consoleVersion` changes with them. */
  console: ConsoleBuffer;
  consoleVersion: number;
  /** Events that arrived before `runs.start` returned their runId. */
  early: RunEvent[];
  /** A past run shown from history (read-only: no input, no stop). */
  past?: boolean;
  stopping?: boolean;
  /** The spell waits in `io.read()` for a line. */
  waiting?: boolean;
}

/** Nothing run yet (a fresh, empty console each time). */
export function idleView(maxRows: number = DEFAULT_MAX_ROWS): RunView {
  return { status: 'idle', chunks: 0, console: new ConsoleBuffer(maxRows), consoleVersion: 0, early: [] };
}

/** The view right after the Run click, before the host answers. */
export function starting(spellPath: string, now: number, maxRows?: number): RunView {
  return { ...idleView(maxRows), status: 'starting', spellPath, startedAt: now };
}

function withEntry(view: RunView, entry: ConsoleItem | undefined): RunView {
  if (!entry) return view;
  view.console.add(entry);
  return { ...view, consoleVersion: view.console.version };
}

/** Applies one event of this run. */
export function reduceRun(view: RunView, event: RunEvent): RunView {
  if (event.type === 'finished') view.console.settle();
  const next = withEntry(view, entryFor(event));
  switch (event.type) {
    case 'started':
      return { ...next, status: 'running' };
    case 'token':
      return { ...next, chunks: next.chunks + 1 };
    case 'input-wait':
      return { ...next, waiting: event.waiting };
    case 'finished': {
      const status: RunStatus = event.ok ? 'ok' : event.error?.code === 'stopped' ? 'stopped' : 'failed';
      return { ...next, status, durationMs: event.durationMs, stopping: false, waiting: false, ...(event.error ? { error: event.error } : {}) };
    }
    default:
      return next;
  }
}

/**
 * Routes an event from the host: this run's events apply; while starting, events wait until the
 * runId is known (the host may send `started` before the `runs.start` reply); others are ignored.
 */
export function routeEvent(view: RunView, event: RunEvent): RunView {
  if (view.runId === event.runId && !view.past) return reduceRun(view, event);
  if (view.status === 'starting' && !view.runId) return { ...view, early: [...view.early.slice(-9999), event] };
  return view;
}

/** The host accepted the run: adopt its id and replay the events that came first. */
export function adoptRunId(view: RunView, runId: string): RunView {
  const mine = view.early.filter((e) => e.runId === runId);
  const base: RunView = { ...view, runId, early: [], status: view.status === 'starting' ? 'running' : view.status };
  return mine.reduce(reduceRun, base);
}

/** A user's line for `io.read()`, echoed in the console. */
export function echoInput(view: RunView, line: string): RunView {
  return { ...withEntry(view, { kind: 'input', text: `${line}\n` }), waiting: false };
}

/** A request about a live run failed (Stop or a line while disconnected): say so, the run goes on. */
export function requestFailed(view: RunView, message: string, code: string): RunView {
  return withEntry({ ...view, stopping: false }, { kind: 'error', text: message, code });
}

/** A run the host refused to start (bad params, unknown spell). */
export function startFailed(view: RunView, message: string, code: string): RunView {
  return withEntry({ ...view, status: 'failed', waiting: false, error: { message, code } }, { kind: 'error', text: message, code });
}

/** A run rebuilt from its record and events: the same reducer as live runs. */
function rebuild(record: RunRecord, events: readonly RunEvent[], maxRows?: number): RunView {
  const base: RunView = { ...idleView(maxRows), status: 'running', runId: record.runId, spellPath: record.spellPath, startedAt: record.startedAt };
  // Older records may keep only the output text, not its events.
  const hasText = events.some((e) => e.type === 'output' || e.type === 'token');
  const seeded = !hasText && record.output ? withEntry(base, { kind: 'stdout', text: record.output }) : base;
  return events.reduce(reduceRun, seeded);
}

/** A past run rebuilt from its record and events, read-only. */
export function fromHistory(record: RunRecord, events: readonly RunEvent[], maxRows?: number): RunView {
  const view = rebuild(record, events, maxRows);
  return {
    ...view,
    status: record.status === 'running' ? 'running' : record.status,
    past: true,
    waiting: false,
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
    ...(record.tokens !== undefined ? { tokens: record.tokens } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}

/**
 * A run still going on in the host, after a reload: its console so far, and live from here on
 * (Stop, the input box and later events work as if this page had started it).
 */
export function attached(record: RunRecord, events: readonly RunEvent[], maxRows?: number): RunView {
  return { ...rebuild(record, events, maxRows), status: 'running' };
}
