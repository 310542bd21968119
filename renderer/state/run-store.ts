import { create } from 'zustand';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { RunRecord, StudioClient } from '../../runtime/contract/studio-api';
import { ConsoleBuffer } from './console-buffer';
import { EventQueue } from './event-queue';
import { adoptRunId, attached, echoInput, fromHistory, idleView, requestFailed, routeEvent, startFailed, starting, type RunView } from './run-state';

export interface RunState {
  view: RunView;
  /** Starts a run of the spell at `path` with typed params. */
  start(path: string, params: Record<string, unknown>, from?: string): Promise<void>;
  /** Replays a past run from its kept cassette (same parameters, no network); resolves with the new run's id. */
  replay(run: RunRecord): Promise<string | null>;
  stop(): Promise<void>;
  /** Sends a line to the spell's `io.read()`. */
  sendInput(line: string): Promise<void>;
  /** An event pushed by the host (applied with the others of the same frame). */
  receive(event: RunEvent): void;
  /** Applies the events received so far now. */
  flush(): void;
  /** Shows a past run from history in the console. */
  showPast(runId: string): Promise<void>;
  /** Runs still going on in the host, with their events so far. */
  listActive(): Promise<{ run: RunRecord; events: RunEvent[] }[]>;
  /** Takes over a run still going on in the host (after a reload): console so far, then live. */
  attach(run: RunRecord, events: RunEvent[]): void;
  setTokens(runId: string, tokens: number | undefined): void;
  clear(): void;
  /** Everything the shown run printed, from the host (the console keeps only its last rows). */
  fullOutput(): Promise<{ text: string; truncated: boolean } | undefined>;
  /** Replaces the console's rows with the run's whole output, without the row cap. */
  showAll(): Promise<void>;
}

/** How the store is tuned: the console's row cap, and how event batches are scheduled. */
export interface RunStoreOptions {
  /** Rows the console keeps (read at each new run). */
  maxRows?: () => number;
  /** Runs `flush` once per frame; without one (tests under Node) events apply at once. */
  schedule?: (flush: () => void) => void;
}

/** Time a frame gives to applying events (the rest of a 16 ms frame renders them and draws). */
const FRAME_BUDGET_MS = 6;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const code = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'failed');

/**
 * Once per animation frame, or after 100 ms where frames stop (a hidden tab). Never at once from the
 * message that brought the event: the change shows in the next frame either way, and applying it in
 * the socket's task renders the console and forces a layout there, then again in the frame (a flood
 * under CPU contention did that ~30 times a run, each a forced layout outside the frame).
 */
function perFrame(): RunStoreOptions['schedule'] {
  if (typeof requestAnimationFrame !== 'function') return undefined;
  return (flush) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      flush();
    };
    requestAnimationFrame(once);
    setTimeout(once, 100);
  };
}

/**
 * The run panel's store: one run at a time, fed by the host's `run` events through pure reducers.
 * Events are applied in batches, one state change per frame, so a spell printing in a tight loop
 * costs one render per frame, not one per event.
 */
export function createRunStore(client: StudioClient, now: () => number = Date.now, options: RunStoreOptions = {}) {
  const schedule = 'schedule' in options ? options.schedule : perFrame();
  const maxRows = () => options.maxRows?.();
  const pending = new EventQueue();
  let scheduled = false;

  return create<RunState>()((set, get) => {
    /**
     * Applies pending events; with `budgetMs`, stops after that long and leaves the rest to the next
     * frame. The clock is read after each event (a large output event comes in pieces of a few KB).
     */
    const apply = (budgetMs = Infinity) => {
      scheduled = false;
      if (pending.size === 0) return;
      const deadline = performance.now() + budgetMs;
      let view = get().view;
      for (let event = pending.take(); event; event = pending.take()) {
        view = routeEvent(view, event);
        if (budgetMs !== Infinity && performance.now() > deadline) break;
      }
      if (pending.size > 0) {
        scheduled = true;
        schedule!(frame);
      }
      if (view !== get().view) set({ view });
    };
    const flush = () => apply();
    // Within a frame, a flood of output gets a slice of time, so the page keeps drawing.
    const frame = () => apply(FRAME_BUDGET_MS);
    return {
      view: idleView(),

      async start(path, params, from) {
        flush();
        set({ view: starting(path, now(), maxRows()) });
        try {
          const { runId } = await client.call('runs.start', { path, params, ...(from !== undefined ? { from } : {}) });
          flush();
          set({ view: adoptRunId(get().view, runId) });
        } catch (error) {
          set({ view: startFailed(get().view, message(error), code(error)) });
        }
      },

      async replay(run) {
        flush();
        set({ view: starting(run.spellPath, now(), maxRows()) });
        try {
          const { runId } = await client.call('runs.replay', { runId: run.runId });
          flush();
          set({ view: adoptRunId(get().view, runId) });
          return runId;
        } catch (error) {
          set({ view: startFailed(get().view, message(error), code(error)) });
          return null;
        }
      },

      async stop() {
        flush();
        const { view } = get();
        if (!view.runId || view.past || (view.status !== 'running' && view.status !== 'starting')) return;
        set({ view: { ...view, stopping: true } });
        await client.call('runs.stop', { runId: view.runId }).catch((error: unknown) => set({ view: requestFailed(get().view, message(error), code(error)) }));
      },

      async sendInput(line) {
        flush();
        const { view } = get();
        if (!view.runId || view.past || view.status !== 'running') return;
        set({ view: echoInput(view, line) });
        await client.call('runs.input', { runId: view.runId, line }).catch((error: unknown) => set({ view: requestFailed(get().view, message(error), code(error)) }));
      },

      receive(event) {
        pending.push(event);
        if (!schedule) return flush();
        if (!scheduled) {
          scheduled = true;
          schedule(frame);
        }
      },

      flush,

      async showPast(runId) {
        const { run, events } = await client.call('runs.get', { runId });
        flush();
        set({ view: fromHistory(run as RunRecord, events, maxRows()) });
      },

      listActive: () => client.call('runs.active', {}) as Promise<{ run: RunRecord; events: RunEvent[] }[]>,

      attach(run, events) {
        flush();
        set({ view: attached(run, events, maxRows()) });
      },

      setTokens(runId, tokens) {
        const { view } = get();
        if (view.runId === runId && tokens !== undefined) set({ view: { ...view, tokens } });
      },

      clear: () => {
        flush();
        const { view } = get();
        // A live run keeps going: only its console is emptied.
        if ((view.status === 'running' || view.status === 'starting') && !view.past) set({ view: { ...view, console: idleView(maxRows()).console, consoleVersion: 0 } });
        else set({ view: idleView(maxRows()) });
      },

      async fullOutput() {
        const { runId } = get().view;
        return runId ? client.call('runs.output', { runId }) : undefined;
      },

      async showAll() {
        const runId = get().view.runId;
        const output = await get().fullOutput();
        flush();
        if (!output || get().view.runId !== runId) return;
        const console = new ConsoleBuffer(Number.MAX_SAFE_INTEGER);
        console.add({ kind: 'stdout', text: output.text });
        set({ view: { ...get().view, console, consoleVersion: console.version } });
      },
    };
  });
}
