import { create } from 'zustand';
import type { StudioClient } from '../../../runtime/contract/studio-api';
import type { RunEvent } from '../../../runtime/contract/run-events';
import type { createEditorStore } from '../editor-store';
import { addEdges, addNodes, moveNodes, removeEdges, removeNodes, setConfigValue, setNodeField, UnparsableText, type NewNode } from './graph-edit';
import { readGraph, type GraphView } from './graph-read';
import { layoutGraph } from './layout';
import { answered, emptyRun, reduceNodeRuns, type WorkflowRunView } from './node-runs';
import { parseProblem, parseYaml, type YamlPath } from './yaml-patch';

/** Which view of the workflow shows. */
export type WorkflowTab = 'canvas' | 'yaml' | 'timeline';

/** A step into a body: its label and where its graph is in the file. */
export interface Crumb {
  label: string;
  base: YamlPath;
  /** The node path prefix of run events inside it (`loop`, `outer/loop`). */
  prefix: string;
}

/** What was copied: nodes as written and the edges among them. */
export interface Clipboard {
  nodes: NewNode[];
  edges: { from: string; to: string }[];
}

export interface WorkflowState {
  tab: WorkflowTab;
  /** The file's data when its text last parsed; kept while the YAML tab holds text that does not. */
  data: unknown;
  /** The text `data` was read from. */
  text: string | null;
  /** Why the current text does not parse (its line), when it does not. */
  parseError: string | null;
  /** The body being shown; empty for the file's own graph. */
  trail: Crumb[];
  selected: string[];
  selectedEdges: number[];
  /** Why the last connection or edit was refused. */
  notice: string | null;
  clipboard: Clipboard | null;
  undo: string[];
  redo: string[];
  /** Runs of workflows seen, by run id (the last few). */
  runs: Record<string, WorkflowRunView>;
  setTab(tab: WorkflowTab): void;
  /** The open workflow's path. */
  path: string | null;
  /** Reads the editor's text again (called when it changes); `path` names the workflow it belongs to. */
  sync(text: string | null, path?: string | null): void;
  graph(): GraphView;
  base(): YamlPath;
  prefix(): string;
  select(ids: string[], edges?: number[]): void;
  edit(change: (text: string, base: YamlPath, graph: GraphView) => string, options?: { undoable?: boolean }): boolean;
  addNode(node: NewNode): void;
  connect(from: string, to: string): void;
  move(positions: Record<string, { x: number; y: number }>): void;
  deleteSelection(): void;
  setConfig(id: string, path: (string | number)[], value: unknown): void;
  setField(id: string, key: string, value: unknown): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  autoLayout(): void;
  undoEdit(): void;
  redoEdit(): void;
  enter(crumb: Crumb): void;
  leave(depth: number): void;
  notify(notice: string | null): void;
  receive(event: RunEvent): void;
  loadPast(runId: string): Promise<void>;
  answer(runId: string, requestId: string, text: string): Promise<void>;
}

const MAX_UNDO = 200;
const MAX_RUNS = 8;

/** A fresh id like `llm`, `llm_2`, ... not taken in `graph`. */
export function freeId(graph: GraphView, wanted: string, taken: Set<string> = new Set()): string {
  const ids = new Set([...graph.nodes.map((n) => n.id), ...taken]);
  const stem = wanted.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'node';
  if (!ids.has(stem)) return stem;
  for (let i = 2; ; i++) if (!ids.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

/**
 * The workflow canvas's store. The YAML text in the editor store is the document: every canvas edit
 * is an edit of that text (graph-edit.ts), and the graph shown is read back from it. Undo and redo
 * keep texts; run state comes from the run event stream.
 */
export function createWorkflowStore(client: StudioClient, editor: ReturnType<typeof createEditorStore>) {
  const fileName = () => editor.getState().active ?? editor.getState().files[0]?.name ?? null;
  const currentText = () => editor.getState().files.find((f) => f.name === fileName())?.draft ?? null;

  const queued: RunEvent[] = [];
  const schedule = typeof requestAnimationFrame === 'function' ? (fn: () => void) => requestAnimationFrame(fn) : (fn: () => void) => queueMicrotask(fn);
  let flush = () => {};

  return create<WorkflowState>()((set, get) => {
    flush = () => {
      const runs = { ...get().runs };
      for (const event of queued.splice(0)) {
        const before = runs[event.runId] ?? emptyRun(event.runId);
        runs[event.runId] = event.type === 'workflow' ? reduceNodeRuns(before, event.event) : before;
      }
      const ids = Object.keys(runs);
      for (const id of ids.slice(0, Math.max(0, ids.length - MAX_RUNS))) delete runs[id];
      set({ runs });
    };
    const write = (next: string, before: string, undoable: boolean) => {
      const file = fileName();
      if (!file || next === before) return;
      if (undoable) set({ undo: [...get().undo.slice(-MAX_UNDO + 1), before], redo: [] });
      editor.getState().edit(file, next);
      get().sync(next);
    };
    const keepSelection = (graph: GraphView) => {
      const ids = new Set(graph.nodes.map((n) => n.id));
      return { selected: get().selected.filter((id) => ids.has(id)), selectedEdges: get().selectedEdges.filter((i) => i < graph.edges.length) };
    };

    return {
      tab: 'canvas',
      path: null,
      data: null,
      text: null,
      parseError: null,
      trail: [],
      selected: [],
      selectedEdges: [],
      notice: null,
      clipboard: null,
      undo: [],
      redo: [],
      runs: {},

      setTab: (tab) => set({ tab }),

      sync(text, path = get().path) {
        // Another workflow opened: its own undo history, selection and view.
        if (path !== get().path) set({ path, text: null, trail: [], selected: [], selectedEdges: [], undo: [], redo: [], notice: null, tab: 'canvas' });
        if (text === get().text) return;
        if (text === null) return set({ text: null, data: null, parseError: null, trail: [], selected: [], selectedEdges: [], undo: [], redo: [], notice: null });
        const doc = parseYaml(text);
        if (!doc) {
          return set({ text, parseError: `The YAML does not parse (${parseProblem(text) ?? 'syntax error'}): the canvas shows the last version that did. Fix it in the YAML tab.` });
        }
        let data: unknown;
        try {
          data = doc.toJS({ maxAliasCount: 100 });
        } catch (error) {
          return set({ text, parseError: `The YAML cannot be read: ${(error as Error).message}` });
        }
        set({ text, data, parseError: null });
        set(keepSelection(get().graph()));
      },

      graph: () => readGraph(get().data, get().base()),
      base: () => get().trail[get().trail.length - 1]?.base ?? [],
      prefix: () => get().trail[get().trail.length - 1]?.prefix ?? '',

      select: (selected, selectedEdges = []) => set({ selected, selectedEdges }),

      edit(change, options = {}) {
        const before = currentText();
        if (before === null) return false;
        if (get().parseError) {
          set({ notice: 'The YAML does not parse: fix it in the YAML tab before editing on the canvas.' });
          return false;
        }
        try {
          write(change(before, get().base(), get().graph()), before, options.undoable ?? true);
          return true;
        } catch (error) {
          set({ notice: error instanceof UnparsableText ? error.message : `That edit failed: ${(error as Error).message}` });
          return false;
        }
      },

      addNode(node) {
        if (get().edit((text, base) => addNodes(text, base, [node]))) set({ selected: [node.id], selectedEdges: [], notice: null });
      },

      connect(from, to) {
        if (get().edit((text, base) => addEdges(text, base, [{ from, to }]))) set({ notice: null });
      },

      move(positions) {
        get().edit((text, base) => moveNodes(text, base, positions));
      },

      deleteSelection() {
        const { selected, selectedEdges } = get();
        if (selected.length === 0 && selectedEdges.length === 0) return;
        get().edit((text, base, graph) => {
          const gone = new Set(selected);
          const edges = new Set([...selectedEdges, ...graph.edges.filter((e) => gone.has(e.source) || gone.has(e.target)).map((e) => e.index)]);
          return selected.length ? removeNodes(text, base, selected, [...edges]) : removeEdges(text, base, [...edges]);
        });
        set({ selected: [], selectedEdges: [] });
      },

      setConfig(id, path, value) {
        get().edit((text, base) => setConfigValue(text, base, id, path, value));
      },

      setField(id, key, value) {
        if (get().edit((text, base) => setNodeField(text, base, id, key, value)) && key === 'id' && typeof value === 'string') set({ selected: [value] });
      },

      copy() {
        const graph = get().graph();
        const ids = new Set(get().selected);
        if (ids.size === 0) return;
        const raw = (get().data as { nodes?: unknown[] } | null) ?? {};
        const rawNodes = graph.base.length === 0 ? (raw.nodes ?? []) : graph.nodes.map((n) => ({ id: n.id, type: n.type, ...(n.position ? { position: n.position } : {}), config: n.config }));
        const nodes = graph.nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone((rawNodes[n.index] ?? { id: n.id, type: n.type }) as NewNode));
        const edges = graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ from: e.from, to: e.to }));
        set({ clipboard: { nodes, edges } });
      },

      paste() {
        const clip = get().clipboard;
        if (!clip) return;
        const graph = get().graph();
        const renamed = new Map<string, string>();
        const taken = new Set<string>();
        for (const n of clip.nodes) {
          const id = freeId(graph, n.id, taken);
          taken.add(id);
          renamed.set(n.id, id);
        }
        const nodes = clip.nodes.map((n) => ({ ...n, id: renamed.get(n.id)!, position: { x: (n.position?.x ?? 0) + 40, y: (n.position?.y ?? 0) + 40 } }));
        const swap = (ref: string) => {
          const [node, ...port] = ref.split('.');
          return [renamed.get(node!) ?? node, ...port].join('.');
        };
        const edges = clip.edges.map((e) => ({ from: swap(e.from), to: swap(e.to) }));
        if (get().edit((text, base) => addNodes(text, base, nodes, edges))) {
          // The next paste lands another step further.
          set({ selected: nodes.map((n) => n.id), selectedEdges: [], clipboard: { nodes, edges: clip.edges.map((e) => ({ from: swap(e.from), to: swap(e.to) })) } });
        }
      },

      duplicate() {
        const saved = get().clipboard;
        get().copy();
        get().paste();
        set({ clipboard: saved });
      },

      autoLayout() {
        get().edit((text, base, graph) => moveNodes(text, base, layoutGraph(graph)));
      },

      undoEdit() {
        const { undo } = get();
        const before = currentText();
        const previous = undo[undo.length - 1];
        if (previous === undefined || before === null) return;
        set({ undo: undo.slice(0, -1), redo: [...get().redo, before] });
        write(previous, before, false);
      },

      redoEdit() {
        const { redo } = get();
        const before = currentText();
        const next = redo[redo.length - 1];
        if (next === undefined || before === null) return;
        set({ redo: redo.slice(0, -1), undo: [...get().undo, before] });
        write(next, before, false);
      },

      enter: (crumb) => set({ trail: [...get().trail, crumb], selected: [], selectedEdges: [] }),
      leave: (depth) => set({ trail: get().trail.slice(0, depth), selected: [], selectedEdges: [] }),
      notify: (notice) => set({ notice }),

      receive(event) {
        if (event.type !== 'workflow' && event.type !== 'started') return;
        queued.push(event);
        // Events of a busy run arrive in bursts: fold them all, then draw once per frame.
        if (queued.length === 1) schedule(flush);
      },

      async loadPast(runId) {
        if (get().runs[runId]?.finished) return;
        const { events } = await client.call('runs.get', { runId });
        let run = emptyRun(runId);
        for (const e of events) if (e.type === 'workflow') run = reduceNodeRuns(run, e.event);
        set({ runs: { ...get().runs, [runId]: { ...run, finished: true } } });
      },

      async answer(runId, requestId, text) {
        await client.call('runs.answer', { runId, requestId, text });
        const run = get().runs[runId];
        if (run) set({ runs: { ...get().runs, [runId]: answered(run, requestId) } });
      },
    };
  });
}
