import type { ErrorInfo } from '../../runtime/contract/engine-protocol';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { RunRecord } from '../../runtime/contract/studio-api';
import { appendEntry, entryFor, type ConsoleEntry, type ConsoleItem } from './run-console';

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
  entries: ConsoleEntry[];
  nextEntryId: number;
  /** Events that arrived before `runs.start` returned their runId. */
  early: RunEvent[];
  /** A past run shown from history (read-only: no input, no stop). */
  past?: boolean;
  stopping?: boolean;
}

/** Nothing run yet. */
export const IDLE: RunView = { status: 'idle', chunks: 0, entries: [], nextEntryId: 1, early: [] };

/** The view right after the Run click, before the host answers. */
export function starting(spellPath: string, now: number): RunView {
  return { ...IDLE, status: 'starting', spellPath, startedAt: now };
}

function withEntry(view: RunView, entry: ConsoleItem | undefined): RunView {
  if (!entry) return view;
  return { ...view, entries: appendEntry(view.entries, entry, view.nextEntryId), nextEntryId: view.nextEntryId + 1 };
}

/** Applies one event of this run. */
export function reduceRun(view: RunView, event: RunEvent): RunView {
  const next = withEntry(view, entryFor(event));
  switch (event.type) {
    case 'started':
      return { ...next, status: 'running' };
    case 'token':
      return { ...next, chunks: next.chunks + 1 };
    case 'finished': {
      const status: RunStatus = event.ok ? 'ok' : event.error?.code === 'stopped' ? 'stopped' : 'failed';
      return { ...next, status, durationMs: event.durationMs, stopping: false, ...(event.error ? { error: event.error } : {}) };
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
  if (view.status === 'starting' && !view.runId) return { ...view, early: [...view.early.slice(-999), event] };
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
  return withEntry(view, { kind: 'input', text: `${line}\n` });
}

/** A run the host refused to start (bad params, unknown spell). */
export function startFailed(view: RunView, message: string, code: string): RunView {
  return withEntry({ ...view, status: 'failed', error: { message, code } }, { kind: 'error', text: message, code });
}

/** A past run rebuilt from its record and events: the same reducer as live runs. */
export function fromHistory(record: RunRecord, events: readonly RunEvent[]): RunView {
  const base: RunView = { ...IDLE, status: 'running', runId: record.runId, spellPath: record.spellPath, startedAt: record.startedAt };
  // Older records may keep only the output text, not its events.
  const hasText = events.some((e) => e.type === 'output' || e.type === 'token');
  const seeded = !hasText && record.output ? withEntry(base, { kind: 'stdout', text: record.output }) : base;
  const view = events.reduce(reduceRun, seeded);
  return {
    ...view,
    status: record.status === 'running' ? 'running' : record.status,
    past: true,
    ...(record.durationMs !== undefined ? { durationMs: record.durationMs } : {}),
    ...(record.tokens !== undefined ? { tokens: record.tokens } : {}),
    ...(record.error ? { error: record.error } : {}),
  };
}
