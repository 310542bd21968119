import { create } from 'zustand';
import type { BatchEvent, BatchProgress, BatchResult } from '../../runtime/contract/batch';
import type { SpellSummary, StudioClient } from '../../runtime/contract/studio-api';

/** What `batches.preview` says about the picked file. */
export interface BatchPreview {
  columns: string[];
  rows: number;
  sample: Record<string, unknown>[];
  problems: string[];
}

export interface BatchState {
  spell: SpellSummary | null;
  file: { name: string; content: string } | null;
  preview: BatchPreview | null;
  /** Parameter → the column that feeds it ('' for none). */
  mapping: Record<string, string>;
  concurrency: number;
  batchId: string | null;
  status: 'idle' | 'running' | 'done' | 'stopped';
  progress: BatchProgress | null;
  results: BatchResult[];
  error: string | null;
  open(spell: SpellSummary): void;
  close(): void;
  pickFile(name: string, content: string): Promise<void>;
  setColumn(param: string, column: string): void;
  setConcurrency(n: number): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  receive(data: { batchId: string; event: BatchEvent }): void;
}

/** The names of a spell's declared parameters. */
export function parameterNames(spell: SpellSummary): string[] {
  return spell.parameters.map((p) => String(p.name ?? '')).filter(Boolean);
}

/** Each parameter fed by the column of the same name when there is one. */
export function defaultMapping(params: string[], columns: string[]): Record<string, string> {
  return Object.fromEntries(params.map((p) => [p, columns.includes(p) ? p : '']));
}

/** The `--param-map` the host wants: column → parameter, for the columns named differently. */
export function toParamMap(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).filter(([param, column]) => column !== '' && column !== param).map(([param, column]) => [column, param]));
}

/** A row's result placed by row number (a re-sent row replaces its earlier line). */
export function addResult(results: BatchResult[], result: BatchResult): BatchResult[] {
  const next = results.filter((r) => r.jobId !== result.jobId);
  next.push(result);
  return next.sort((a, b) => a.row - b.row);
}

/** The results as a JSON Lines file (what `llmspell batch` writes). */
export function resultsToJsonl(results: BatchResult[]): string {
  return results.map((r) => JSON.stringify(r)).join('\n') + (results.length ? '\n' : '');
}

/** The results as CSV: one line per row, output or error in one cell. */
export function resultsToCsv(results: BatchResult[]): string {
  const cell = (v: unknown) => {
    const text = v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = ['row', 'key', 'status', 'output', 'error', 'tokens', 'duration_ms'];
  const lines = results.map((r) => [r.row, r.key, r.status, r.output, r.error?.message, r.tokens?.total, r.durationMs].map(cell).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The batch dialog: the picked file, the column mapping, and the running batch's progress and rows. */
export function createBatchStore(client: StudioClient) {
  return create<BatchState>()((set, get) => ({
    spell: null,
    file: null,
    preview: null,
    mapping: {},
    concurrency: 4,
    batchId: null,
    status: 'idle',
    progress: null,
    results: [],
    error: null,
    open(spell) {
      // The same spell's last batch stays on screen (it may still be running).
      if (get().spell?.path === spell.path) return set({ spell });
      set({ spell, file: null, preview: null, mapping: {}, batchId: null, status: 'idle', progress: null, results: [], error: null });
    },
    close: () => set({ spell: null }),
    async pickFile(name, content) {
      const spell = get().spell;
      if (!spell) return;
      set({ file: { name, content }, preview: null, error: null });
      try {
        const preview = await client.call('batches.preview', { name, content });
        set({ preview, mapping: defaultMapping(parameterNames(spell), preview.columns) });
      } catch (error) {
        set({ error: message(error) });
      }
    },
    setColumn: (param, column) => set({ mapping: { ...get().mapping, [param]: column } }),
    setConcurrency: (concurrency) => set({ concurrency: Math.max(1, Math.min(16, Math.round(concurrency) || 1)) }),
    async start() {
      const { spell, file, mapping, concurrency } = get();
      if (!spell || !file) return;
      set({ error: null, results: [], progress: null, status: 'running' });
      try {
        const { batchId } = await client.call('batches.start', { path: spell.path, name: file.name, content: file.content, paramMap: toParamMap(mapping), concurrency });
        set({ batchId });
        // Rows done by an earlier start of the same batch are shown at once.
        const { batch, results } = await client.call('batches.get', { batchId });
        set({ results: results.reduce(addResult, get().results) });
        // A small batch can end before its id reached us: its summary event was not ours yet.
        if (batch.status !== 'running' && get().status === 'running') set({ progress: batch.progress, status: batch.status === 'stopped' ? 'stopped' : 'done' });
      } catch (error) {
        set({ error: message(error), status: get().batchId ? get().status : 'idle' });
      }
    },
    async stop() {
      const batchId = get().batchId;
      if (batchId) await client.call('batches.stop', { batchId });
    },
    receive({ batchId, event }) {
      if (batchId !== get().batchId) return;
      if (event.type === 'progress') set({ progress: event.progress });
      else if (event.type === 'row') set({ results: addResult(get().results, event.result) });
      else set({ progress: event.progress, status: event.interrupted ? 'stopped' : 'done' });
    },
  }));
}
