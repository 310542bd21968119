import { create } from 'zustand';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { RunRecord, StudioClient } from '../../runtime/contract/studio-api';
import { adoptRunId, echoInput, fromHistory, IDLE, routeEvent, startFailed, starting, type RunView } from './run-state';

export interface RunState {
  view: RunView;
  /** Starts a run of the spell at `path` with typed params. */
  start(path: string, params: Record<string, unknown>, from?: string): Promise<void>;
  stop(): Promise<void>;
  /** Sends a line to the spell's `io.read()`. */
  sendInput(line: string): Promise<void>;
  /** An event pushed by the host. */
  receive(event: RunEvent): void;
  /** Shows a past run from history in the console. */
  showPast(runId: string): Promise<void>;
  setTokens(runId: string, tokens: number | undefined): void;
  clear(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const code = (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'failed');

/** The run panel's store: one run at a time, fed by the host's `run` events through pure reducers. */
export function createRunStore(client: StudioClient, now: () => number = Date.now) {
  return create<RunState>()((set, get) => ({
    view: IDLE,

    async start(path, params, from) {
      set({ view: starting(path, now()) });
      try {
        const { runId } = await client.call('runs.start', { path, params, ...(from !== undefined ? { from } : {}) });
        set({ view: adoptRunId(get().view, runId) });
      } catch (error) {
        set({ view: startFailed(get().view, message(error), code(error)) });
      }
    },

    async stop() {
      const { view } = get();
      if (!view.runId || view.past || (view.status !== 'running' && view.status !== 'starting')) return;
      set({ view: { ...view, stopping: true } });
      await client.call('runs.stop', { runId: view.runId }).catch((error: unknown) => set({ view: startFailed(get().view, message(error), code(error)) }));
    },

    async sendInput(line) {
      const { view } = get();
      if (!view.runId || view.past || view.status !== 'running') return;
      set({ view: echoInput(view, line) });
      await client.call('runs.input', { runId: view.runId, line });
    },

    receive: (event) => set({ view: routeEvent(get().view, event) }),

    async showPast(runId) {
      const { run, events } = await client.call('runs.get', { runId });
      set({ view: fromHistory(run as RunRecord, events) });
    },

    setTokens(runId, tokens) {
      const { view } = get();
      if (view.runId === runId && tokens !== undefined) set({ view: { ...view, tokens } });
    },

    clear: () => {
      const { view } = get();
      if (view.status === 'running' || view.status === 'starting') set({ view: { ...view, entries: [] } });
      else set({ view: IDLE });
    },
  }));
}
