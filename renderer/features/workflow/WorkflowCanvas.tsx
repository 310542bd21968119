import { Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Diagnostic } from '../../../runtime/contract/studio-api';
import { connectionProblem, DEFAULT_INPUT, DEFAULT_OUTPUT, nodeDescription } from '../../../runtime/contract/workflow-nodes';
import { freeId, nodeRunAt, NODE_SIZE, useEditor, useUi, useWorkflow, type GraphView } from '../../state';
import { canvasEdges, canvasNodes, NEW_INPUT, pinProblems, type CanvasNode, type PinnedProblems } from './canvas-model';
import { HumanInputDialog } from './HumanInputDialog';
import { Inspector } from './Inspector';
import { openReferencedFile } from './open-referenced';
import { Palette, PALETTE_MIME } from './Palette';
import { ProblemsList } from './ProblemsList';
import { useCurrentRunId } from './use-current-run';
import { WorkflowNodeView } from './WorkflowNodeView';
import { ZoomDetail } from './ZoomDetail';

const NODE_TYPES = { workflow: WorkflowNodeView };
const NO_DIAGNOSTICS: Diagnostic[] = [];

const ref = (node: string, port: string, fallback: string) => (port === fallback ? node : `${node}.${port}`);

/** The port an edge dropped on a "+" input creates: named after the source (its node, or its port). */
function newPortName(graph: GraphView, target: string, source: string, sourcePort: string): string {
  const wanted = sourcePort === DEFAULT_OUTPUT ? source : sourcePort;
  const used = new Set(graph.edges.filter((e) => e.target === target).map((e) => e.targetPort));
  if (!used.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}_${i}`)) return `${wanted}_${i}`;
}

function Canvas() {
  const flow = useReactFlow();
  const data = useWorkflow((s) => s.data);
  const trail = useWorkflow((s) => s.trail);
  const selected = useWorkflow((s) => s.selected);
  const selectedEdges = useWorkflow((s) => s.selectedEdges);
  const notice = useWorkflow((s) => s.notice);
  const theme = useUi((s) => s.theme);
  const file = useEditor((s) => s.files[0]?.name ?? '');
  // No problems is one value: the first (empty) answer of the validator after an open then redraws nothing.
  const diagnostics = useEditor((s) => (s.diagnostics[file]?.length ? s.diagnostics[file] : NO_DIAGNOSTICS));
  const runId = useCurrentRunId();
  // The question waiting, if any: the canvas itself does not redraw for other run events (the cards do).
  const request = useWorkflow((s) => (runId ? s.runs[runId]?.requests[0] : undefined));
  // The graph is a function of the data and the trail (read through the store's own getter).
  const graph = useMemo(() => useWorkflow.getState().graph(), [data, trail]);
  const prefix = trail[trail.length - 1]?.prefix ?? '';
  const problems = useMemo(() => pinProblems(graph, diagnostics), [graph, diagnostics]);
  const [drag, setDrag] = useState<Record<string, { x: number; y: number }>>({});
  const dragRef = useRef(drag);
  dragRef.current = drag;
  const refusal = useRef<string | undefined>(undefined);
  const section = useRef<HTMLElement>(null);

  // Edges change only when the set of running nodes does, not on every run event.
  const runningKey = useWorkflow((s) => {
    const run = runId ? s.runs[runId] : undefined;
    return run ? graph.nodes.filter((n) => nodeRunAt(run, prefix, n.id)?.status === 'running').map((n) => n.id).join('\n') : '';
  });
  const running = useMemo(() => new Set(runningKey ? runningKey.split('\n') : []), [runningKey]);
  const large = graph.nodes.length > 150;
  const previous = useRef<{ graph: GraphView; nodes: CanvasNode[] }>(undefined);
  const nodes = useMemo(() => {
    const made = canvasNodes(graph, problems, new Set(selected), prefix, drag, previous.current);
    previous.current = { graph, nodes: made };
    return made;
  }, [graph, problems, selected, prefix, drag]);
  const edges = useMemo(() => canvasEdges(graph, problems, new Set(selectedEdges), running), [graph, problems, selectedEdges, running]);
  const store = useWorkflow.getState;

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moving: Record<string, { x: number; y: number }> = {};
      const done: Record<string, { x: number; y: number }> = {};
      let selection: Set<string> | undefined;
      for (const c of changes) {
        if (c.type === 'position') {
          const at = c.position ?? dragRef.current[c.id];
          if (!at) continue;
          if (c.dragging) moving[c.id] = at;
          else done[c.id] = at;
        } else if (c.type === 'select') {
          selection ??= new Set(store().selected);
          if (c.selected) selection.add(c.id);
          else selection.delete(c.id);
        }
      }
      if (Object.keys(moving).length) setDrag((d) => ({ ...d, ...moving }));
      if (Object.keys(done).length) {
        store().move(done);
        setDrag({});
      }
      if (selection) store().select([...selection], store().selectedEdges);
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      let selection: Set<number> | undefined;
      for (const c of changes) {
        if (c.type !== 'select') continue;
        selection ??= new Set(store().selectedEdges);
        const index = Number(c.id.slice(1));
        if (c.selected) selection.add(index);
        else selection.delete(index);
      }
      if (selection) store().select(store().selected, [...selection]);
    },
    [store],
  );

  const problemOf = (c: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }): string | undefined => {
    const source = nodes.find((n) => n.id === c.source);
    const target = nodes.find((n) => n.id === c.target);
    if (!source || !target) return 'connect a port of one node to a port of another';
    const sourcePort = c.sourceHandle ?? DEFAULT_OUTPUT;
    const targetPort = c.targetHandle === NEW_INPUT ? newPortName(graph, target.id, source.id, sourcePort) : (c.targetHandle ?? DEFAULT_INPUT);
    return connectionProblem({
      source: { id: source.id, type: source.data.node.type, ports: source.data.ports },
      sourcePort,
      target: { id: target.id, type: target.data.node.type, ports: target.data.ports },
      targetPort,
      edges: graph.edges,
    });
  };

  const isValidConnection = (c: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }) => {
    refusal.current = problemOf(c);
    return refusal.current === undefined;
  };

  const onConnect = (c: Connection) => {
    const problem = problemOf(c);
    if (problem) return store().notify(`Not connected: ${problem}`);
    const sourcePort = c.sourceHandle ?? DEFAULT_OUTPUT;
    const targetPort = c.targetHandle === NEW_INPUT ? newPortName(graph, c.target, c.source, sourcePort) : (c.targetHandle ?? DEFAULT_INPUT);
    refusal.current = undefined;
    store().connect(ref(c.source, sourcePort, DEFAULT_OUTPUT), ref(c.target, targetPort, DEFAULT_INPUT));
  };

  const onConnectEnd = () => {
    if (refusal.current) store().notify(`Not connected: ${refusal.current}`);
    refusal.current = undefined;
  };

  /** Adds a node of `type` at `at` (flow coordinates), or in a free spot in view. */
  const add = (type: string, at?: { x: number; y: number }) => {
    const description = nodeDescription(type);
    const rect = document.querySelector('.wf-flow')?.getBoundingClientRect();
    let position = at ?? flow.screenToFlowPosition({ x: (rect?.left ?? 0) + (rect?.width ?? 800) / 2 - NODE_SIZE.width / 2, y: (rect?.top ?? 0) + (rect?.height ?? 600) / 3 });
    // Nudge past nodes already there, so a row of clicks makes a row of nodes.
    while (nodes.some((n) => Math.abs(n.position.x - position.x) < NODE_SIZE.width * 0.8 && Math.abs(n.position.y - position.y) < NODE_SIZE.height * 0.8)) position = { x: position.x + NODE_SIZE.width + 40, y: position.y };
    const placed = { x: Math.round(position.x), y: Math.round(position.y) };
    store().addNode({ id: freeId(graph, type), type, position: placed, ...(description?.starter ? { config: structuredClone(description.starter) } : {}) });
    // A node placed outside the view is brought into it.
    if (rect) {
      const corner = flow.flowToScreenPosition({ x: placed.x + NODE_SIZE.width, y: placed.y + NODE_SIZE.height });
      if (corner.x > rect.right || corner.y > rect.bottom) requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 150 }));
    }
  };

  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(PALETTE_MIME);
    if (!type) return;
    e.preventDefault();
    add(type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  const enterBody = (nodeId: string, key: string) => {
    const node = graph.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const keyPath = key.split('.');
    const base = [...graph.base, 'nodes', node.index, 'config', ...keyPath];
    const label = keyPath.length > 1 ? `${nodeId}.${keyPath[1]}` : nodeId;
    store().enter({ label, base, prefix: `${prefix ? `${prefix}/` : ''}${nodeId}` });
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2 }));
  };

  const onKeyDown = (e: globalThis.KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // Canvas keys act when the canvas (or nothing, after a deleted node took the focus with it) has the focus.
    if (target !== document.body && !target.closest('.wf-flow')) return;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const s = store();
    const step = e.shiftKey ? 50 : 10;
    const arrows: Record<string, [number, number]> = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] };
    if (key === 'delete' || key === 'backspace') s.deleteSelection();
    else if (mod && key === 'z' && !e.shiftKey) s.undoEdit();
    else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redoEdit();
    else if (mod && key === 'c') s.copy();
    else if (mod && key === 'v') s.paste();
    else if (mod && key === 'd') s.duplicate();
    else if (mod && key === 'a') s.select(graph.nodes.map((n) => n.id));
    else if (arrows[key] && s.selected.length > 0 && !mod) {
      const [dx, dy] = arrows[key]!;
      s.move(Object.fromEntries(nodes.filter((n) => s.selected.includes(n.id)).map((n) => [n.id, { x: n.position.x + dx, y: n.position.y + dy }])));
    } else if (key === 'escape') s.select([]);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const keys = useRef(onKeyDown);
  keys.current = onKeyDown;
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => keys.current(e);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);

  // Opening another workflow shows all of it: the viewport is the canvas's, not the file's, so it
  // would otherwise keep the last file's pan and zoom (`fitView` only acts on the first mount).
  const path = useWorkflow((s) => s.path);
  const fitted = useRef(path);
  useEffect(() => {
    if (fitted.current === path) return;
    fitted.current = path;
    requestAnimationFrame(() => requestAnimationFrame(() => void flow.fitView({ padding: 0.2 })));
  }, [path, flow]);

  const pick = (p: PinnedProblems['all'][number]) => {
    const path = p.base ?? [];
    const here = graph.base.every((k, i) => path[i] === k);
    // A problem outside the body shown: go back to the file's graph and pick its node there.
    if (!here) store().leave(0);
    const g = here ? graph : store().graph();
    const [list, index] = path.slice(g.base.length);
    if (list === 'edges' && typeof index === 'number') return store().select([], [index]);
    const id = list === 'nodes' && typeof index === 'number' ? g.nodes[index]?.id : undefined;
    if (!id) return;
    store().select([id]);
    const node = g.nodes[index as number]!;
    const at = flow.getNode(id)?.position ?? node.position;
    if (at) void flow.setCenter(at.x + NODE_SIZE.width / 2, at.y + NODE_SIZE.height / 2, { duration: 200, zoom: flow.getZoom() });
  };

  return (
    <div className="wf-canvas-layout">
      <Palette onAdd={(type) => add(type)} />
      <div className="wf-center">
        <Toolbar graph={graph} onFit={() => void flow.fitView({ padding: 0.2, duration: 200 })} />
        <section ref={section} className={large ? 'wf-flow wf-large' : 'wf-flow'} aria-label="Workflow canvas" onDragOver={(e) => (e.preventDefault(), (e.dataTransfer.dropEffect = 'copy'))} onDrop={onDrop}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            onNodeDoubleClick={(_, node) => {
              const n = (node as CanvasNode).data.node;
              if ((n.type === 'loop' || n.type === 'parallel') && typeof n.config.body === 'object') enterBody(n.id, 'body');
              else void openReferencedFile(n);
            }}
            onPaneClick={() => store().select([])}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            selectionOnDrag={false}
            colorMode={theme}
            fitView
            fitViewOptions={{ padding: 0.2 }}
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
          >
            <ZoomDetail container={section} />
            {!large && <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 120, height: 80 }} nodeColor="var(--border-strong)" bgColor="var(--surface-2)" maskColor="color-mix(in srgb, var(--bg) 60%, transparent)" />}
            <Controls showInteractive={false} />
          </ReactFlow>
          {notice && (
            <div className="wf-notice" role="alert">
              {notice}
              <button type="button" className="mini-button" aria-label="Dismiss" onClick={() => store().notify(null)}>
                ×
              </button>
            </div>
          )}
          {request && runId && <HumanInputDialog key={request.requestId} runId={runId} request={request} />}
        </section>
        <ProblemsList problems={problems.all} onPick={pick} />
      </div>
      <Inspector graph={graph} enterBody={enterBody} />
    </div>
  );
}

function Toolbar({ graph, onFit }: { graph: GraphView; onFit(): void }) {
  const trail = useWorkflow((s) => s.trail);
  const canUndo = useWorkflow((s) => s.undo.length > 0);
  const canRedo = useWorkflow((s) => s.redo.length > 0);
  const s = useWorkflow.getState();
  return (
    <div className="wf-toolbar" role="toolbar" aria-label="Canvas tools">
      <nav className="wf-crumbs" aria-label="Sub-graph">
        <button type="button" className="link-button" onClick={() => s.leave(0)} aria-current={trail.length === 0 ? 'page' : undefined}>
          {graph.name ?? 'workflow'}
        </button>
        {trail.map((c, i) => (
          <span key={c.prefix}>
            {' › '}
            <button type="button" className="link-button" onClick={() => s.leave(i + 1)} aria-current={i === trail.length - 1 ? 'page' : undefined}>
              {c.label}
            </button>
          </span>
        ))}
      </nav>
      <span className="wf-toolbar-spacer" />
      <button type="button" className="button small" disabled={!canUndo} onClick={() => s.undoEdit()} title="Undo (Ctrl+Z)">
        Undo
      </button>
      <button type="button" className="button small" disabled={!canRedo} onClick={() => s.redoEdit()} title="Redo (Ctrl+Shift+Z)">
        Redo
      </button>
      <button type="button" className="button small" onClick={() => s.autoLayout()} title="Lay the graph out left to right">
        Auto layout
      </button>
      <button type="button" className="button small" onClick={onFit}>
        Fit view
      </button>
    </div>
  );
}

/** The visual workflow builder: palette, canvas, problems and node settings. */
export default function WorkflowCanvas() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}
