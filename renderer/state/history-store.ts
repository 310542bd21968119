import { create } from 'zustand';
import type { RunRecord, StudioClient } from '../../runtime/contract/studio-api';

export interface HistoryState {
  /** The spell whose runs are listed. */
  path: string | null;
  runs: RunRecord[];
  text: string;
  loading: boolean;
  error: string | null;
  load(path: string | null): Promise<void>;
  setText(text: string): void;
}

/** Run history of the open spell, newest first; the search filters it on the client. */
export function createHistoryStore(client: StudioClient) {
  let seq = 0;
  return create<HistoryState>()((set, get) => ({
    path: null,
    runs: [],
    text: '',
    loading: false,
    error: null,
    async load(path) {
      const mine = ++seq;
      if (path !== get().path) set({ path, runs: [], text: '' });
      if (!path) return;
      set({ loading: true });
      try {
        const runs = await client.call('runs.history', { path });
        if (mine === seq) set({ runs: [...runs].sort((a, b) => b.startedAt - a.startedAt), loading: false, error: null });
      } catch (error) {
        if (mine === seq) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    setText: (text) => set({ text }),
  }));
}
