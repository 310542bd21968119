/**
 * Checks a graph (a workflow file's, or a body's) and prepares it for running. Every problem is
 * collected, not just the first: bad node fields, unknown types, bad configs, edges to missing nodes
 * or ports, type mismatches, missing inputs, cycles, outputs nobody fills and template names nothing
 * provides. A graph is returned only when it has no problem.
 */
import path from 'node:path';
import { WorkflowNode, type WorkflowSettings } from '../../contract/workflow';
import type { NodeRegistry } from '../node-registry';
import type { CompiledGraph, CompiledNode } from './compiled-graph';
import { compileEdges } from './edges';
import { checkGraph } from './graph-checks';
import { zodProblems, type GraphProblem } from './problems';
import { runOptions } from './run-options';
import { syntaxProblems } from './syntax-checks';

/** What compiling needs to know about where the graph sits. */
export interface CompileOptions {
  /** Absolute path of the file (relative paths in configs resolve from its folder). */
  file: string;
  registry: NodeRegistry;
  settings?: WorkflowSettings;
  /** Names templates may read besides a node's own input ports; undefined when unknown (not checked). */
  scopeNames?: ReadonlySet<string>;
  /** Path prefix of node ids inside bodies (`loop/`), for problems. */
  idPrefix?: string;
  /** Line of a field path in the file, for errors at run time. */
  lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

/** A graph as written: nodes, edges and declared outputs, not yet checked. */
export interface RawGraph {
  nodes?: unknown;
  edges?: unknown;
  outputs?: unknown;
}

type MutableNode = { -readonly [K in keyof CompiledNode]: CompiledNode[K] } & { bodies: Map<string, CompiledGraph | string> };

/** Compiles `raw` (found at `base` in the file); pushes problems and returns undefined when there are any. */
export function compileGraph(raw: RawGraph, base: (string | number)[], options: CompileOptions, problems: GraphProblem[]): CompiledGraph | undefined {
  const before = problems.length;
  const nodes: MutableNode[] = [];
  const byId = new Map<string, MutableNode>();
  const rawIds = new Set<string>();
  const rawNodes = Array.isArray(raw.nodes) ? raw.nodes : [];

  rawNodes.forEach((item, i) => {
    const at = [...base, 'nodes', i];
    const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : undefined;
    if (id !== undefined) rawIds.add(id);
    const shownId = id === undefined ? undefined : `${options.idPrefix ?? ''}${id}`;
    const parsed = WorkflowNode.safeParse(item);
    if (!parsed.success) return void problems.push(...zodProblems(parsed.error.issues, item, at, shownId));
    const spec = parsed.data;
    if (byId.has(spec.id)) return void problems.push({ path: [...at, 'id'], nodeId: shownId, message: `duplicate node id '${spec.id}'` });
    const def = options.registry.get(spec.type);
    if (!def) {
      const known = options.registry.names().join(', ');
      return void problems.push({ path: [...at, 'type'], nodeId: shownId, message: `unknown node type '${spec.type}' (known: ${known})` });
    }
    const config = def.config.safeParse(spec.config ?? {});
    if (!config.success) return void problems.push(...zodProblems(config.error.issues, spec.config ?? {}, [...at, 'config'], shownId));
    const syntax = syntaxProblems(def.config, config.data);
    if (syntax.length > 0) return void problems.push(...syntax.map((p) => ({ path: [...at, 'config', ...p.path], nodeId: shownId, message: p.message })));
    for (const p of def.check?.(config.data) ?? []) problems.push({ path: [...at, 'config', ...p.path], nodeId: shownId, message: p.message });
    const node: MutableNode = {
      id: spec.id,
      spec,
      def,
      config: config.data,
      inPorts: new Map(def.inputs(config.data).map((p) => [p.name, p])),
      outPorts: new Map(def.outputs(config.data).map((p) => [p.name, p])),
      incoming: [],
      outgoing: [],
      bodies: new Map(),
      path: at,
      ...runOptions(spec, def.slot?.(config.data) ?? false, options.settings),
    };
    nodes.push(node);
    byId.set(spec.id, node);
  });

  const firstIndex = new Map<unknown, number>();
  rawNodes.forEach((r, i) => {
    const id = (r as { id?: unknown })?.id;
    if (!firstIndex.has(id)) firstIndex.set(id, i);
  });
  const index = new Map(nodes.map((n) => [n, firstIndex.get(n.id) ?? 0]));
  const nodePath = (node: CompiledNode) => [...base, 'nodes', index.get(node as MutableNode) ?? 0];
  compileEdges(raw.edges, base, byId, rawIds, options.idPrefix ?? '', problems);
  checkGraph({ nodes, raw, base, nodePath, options, problems });

  for (const node of nodes) {
    for (const [key, body] of Object.entries(node.def.bodies?.(node.config) ?? {})) {
      const at = [...nodePath(node), 'config', key];
      if (typeof body === 'string') {
        node.bodies.set(key, path.resolve(path.dirname(options.file), body));
        continue;
      }
      const ports = [...new Set(node.incoming.map((e) => e.toPort))];
      const extra = node.def.bodyScope?.(node.config, ports) ?? [];
      const scopeNames = options.scopeNames ? new Set([...options.scopeNames, ...ports, ...extra]) : undefined;
      const sub = compileGraph(body, at, { ...options, scopeNames, idPrefix: `${options.idPrefix ?? ''}${node.id}/` }, problems);
      if (sub) node.bodies.set(key, sub);
    }
  }
  if (problems.length > before) return undefined;
  const outputs = raw.outputs as CompiledGraph['outputs'];
  return { file: options.file, nodes, byId, ...(outputs ? { outputs } : {}), ...(options.lineOf ? { lineOf: options.lineOf } : {}) };
}
