import { create } from 'zustand';
import type { RunRecord, StudioClient } from '../../runtime/contract/studio-api';
import { createDebouncer } from './debouncer';

export interface HistoryState {
  /** The spell whose runs are listed. */
  path: string | null;
  runs: RunRecord[];
  text: string;
  loading: boolean;
  error: string | null;
  /** Runs asked for: the newest this many (a spell may have thousands). */
  limit: number;
  /** More (older) runs match than are listed. */
  more: boolean;
  /** Runs picked for Compare (at most two; a third replaces the older pick). */
  compare: string[];
  toggleCompare(runId: string): void;
  /** Picks exactly these runs for Compare (a run and its replay). */
  setCompare(runIds: string[]): void;
  /** The run whose trace the Trace dialog shows. */
  traced: string | null;
  showTrace(runId: string | null): void;
  load(path: string | null): Promise<void>;
  setText(text: string): void;
  /** Lists older runs too. */
  showMore(): Promise<void>;
}

/** Runs listed at first; "Show more" adds this many times ten. */
export const HISTORY_PAGE = 100;

/**
 * Run history of the open spell, newest first: the newest {@link HISTORY_PAGE} runs, more on demand.
 * The search filters the listed runs at once (on the client) and asks the host for older matches.
 */
export function createHistoryStore(client: StudioClient) {
  let seq = 0;
  const debounce = createDebouncer();
  return create<HistoryState>()((set, get) => ({
    path: null,
    runs: [],
    text: '',
    loading: false,
    error: null,
    limit: HISTORY_PAGE,
    more: false,
    compare: [],
    traced: null,
    showTrace: (traced) => set({ traced }),
    setCompare: (runIds) => set({ compare: runIds.slice(-2) }),
    toggleCompare(runId) {
      const picked = get().compare;
      set({ compare: picked.includes(runId) ? picked.filter((id) => id !== runId) : [...picked, runId].slice(-2) });
    },
    async load(path) {
      const mine = ++seq;
      if (path !== get().path) set({ path, runs: [], text: '', limit: HISTORY_PAGE, more: false, compare: [] });
      if (!path) return;
      set({ loading: true });
      const { limit, text } = get();
      try {
        // One more than shown tells whether older runs exist.
        const runs = await client.call('runs.history', { path, limit: limit + 1, ...(text.trim() ? { text } : {}) });
        if (mine !== seq) return;
        const sorted = [...runs].sort((a, b) => b.startedAt - a.startedAt);
        set({ runs: sorted.slice(0, limit), more: sorted.length > limit, loading: false, error: null });
      } catch (error) {
        if (mine === seq) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    setText(text) {
      set({ text });
      debounce.schedule('search', 200, () => void get().load(get().path));
    },
    async showMore() {
      set({ limit: get().limit + HISTORY_PAGE * 10 });
      await get().load(get().path);
    },
  }));
}
