import { z } from 'zod';
import { SpellVersion } from './spell-manifest-fields';
import { ParametersInput } from './spell-parameter-schema';

/**
 * A workflow file (`*.workflow.yaml` or `*.workflow.json`): typed inputs, nodes with a type, a config
 * and a canvas position, edges from a node's output port to a node's input port, and declared outputs.
 * The schema keeps the file as written (nothing is normalised away), so the studio can load, edit and
 * save it without noise; runtime/workflows checks node configs against each node type.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAME_TEXT = 'a name of letters, digits, "_" or "-" that starts with a letter or "_"';

/** A node id: unique within its graph; it names the node in edges, events and `--from`. */
export const NodeId = z.string({ error: NAME_TEXT }).regex(NAME, { error: NAME_TEXT });

/** One end of an edge: `node` (its default port) or `node.port`. */
export const PortRef = z
  .string({ error: 'a node id or "node.port"' })
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)?$/, { error: 'a node id or "node.port"' });

/** What a node does when it fails: end the run, let the rest go on, or send the error down its `error` port. */
export const FailurePolicy = z.enum(['stop', 'continue', 'fallback'], { error: 'one of stop|continue|fallback' });
export type FailurePolicy = z.infer<typeof FailurePolicy>;

/** Retries after the first attempt: a count, or `{attempts, delay}` (seconds, doubled after each retry). */
export const RetrySpec = z.union(
  [
    z.number().int().min(0).max(20),
    z.strictObject({ attempts: z.number().int().min(0).max(20), delay: z.number().min(0).max(600).optional() }),
  ],
  { error: 'a retry count (0-20) or {attempts, delay}' },
);
export type RetrySpec = z.infer<typeof RetrySpec>;

const Seconds = z.number({ error: 'a number of seconds' }).positive({ error: 'a positive number of seconds' });

/** Where a node sits on the canvas. */
export const Position = z.strictObject({ x: z.number({ error: 'a number' }), y: z.number({ error: 'a number' }) }, { error: 'a mapping {x, y}' });

/** One node as written. `config` is checked against the node type's own schema. */
export const WorkflowNode = z.strictObject(
  {
    id: NodeId,
    type: z.string({ error: 'a node type like llm or transform' }).min(1, { error: 'a node type like llm or transform' }),
    /** A label for the canvas; the id when absent. */
    name: z.string({ error: 'a string' }).optional(),
    description: z.string({ error: 'a string' }).optional(),
    position: Position.optional(),
    config: z.record(z.string(), z.unknown(), { error: 'a mapping of settings' }).optional(),
    /** Seconds one attempt may take. */
    timeout: Seconds.optional(),
    retry: RetrySpec.optional(),
    on_error: FailurePolicy.optional(),
    /** False: never read or write this node's results in the cache. */
    cache: z.boolean({ error: 'true or false' }).optional(),
  },
  { error: 'a node mapping with id and type' },
);
export type WorkflowNode = z.infer<typeof WorkflowNode>;

/** Data flows from the output port `from` to the input port `to`. */
export const WorkflowEdge = z.strictObject({ from: PortRef, to: PortRef }, { error: 'an edge mapping {from, to}' });
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

/** The value types ports and declarations use; `any` matches everything. */
export const VALUE_TYPES = ['any', 'string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A declared workflow output, filled by the `output` node of the same name. */
export const OutputDeclaration = z.strictObject(
  {
    type: z.enum(VALUE_TYPES, { error: `one of ${VALUE_TYPES.join('|')}` }).optional(),
    description: z.string({ error: 'a string' }).optional(),
  },
  { error: 'a mapping {type, description}' },
);
export type OutputDeclaration = z.infer<typeof OutputDeclaration>;

/** Run defaults for every node of the workflow. */
export const WorkflowSettings = z.strictObject(
  {
    /** Nodes doing outside work (LLM, tools, engines) at once; default 8. */
    concurrency: z.number().int().min(1).max(10_000).optional(),
    timeout: Seconds.optional(),
    retry: RetrySpec.optional(),
    cache: z.boolean({ error: 'true or false' }).optional(),
  },
  { error: 'a mapping {concurrency, timeout, retry, cache}' },
);
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

const graph = {
  nodes: z.array(WorkflowNode, { error: 'a list of nodes' }).min(1, { error: 'at least one node' }),
  edges: z.array(WorkflowEdge, { error: 'a list of edges' }).optional(),
  outputs: z.record(NodeId, OutputDeclaration, { error: 'a mapping of output names' }).optional(),
};

/** A sub-graph inside a loop or parallel node: nodes, edges and (optionally) declared outputs. */
export const WorkflowBody = z.strictObject(graph, { error: 'a body mapping {nodes, edges}' });
export type WorkflowBody = z.infer<typeof WorkflowBody>;

/** A whole workflow file. */
export const WorkflowFile = z.strictObject(
  {
    name: z.string({ error: 'a workflow name' }).min(1, { error: 'a workflow name' }).max(100, { error: 'a name of at most 100 characters' }),
    version: SpellVersion.optional(),
    description: z.string({ error: 'a string' }).optional(),
    /** Words the library lists and searches the workflow by. */
    tags: z.array(z.string({ error: 'a tag' }), { error: 'a list of tags' }).optional(),
    /** Typed like spell parameters: a list of `{name, type, ...}` or a mapping by name. */
    inputs: ParametersInput.optional(),
    settings: WorkflowSettings.optional(),
    ...graph,
  },
  { error: 'a workflow mapping with name and nodes' },
);
export type WorkflowFile = z.infer<typeof WorkflowFile>;

/** The order keys are written in, per mapping kind, so saved files diff cleanly. */
export const WORKFLOW_KEY_ORDER = {
  file: ['name', 'version', 'description', 'tags', 'inputs', 'outputs', 'settings', 'nodes', 'edges'],
  node: ['id', 'type', 'name', 'description', 'position', 'config', 'timeout', 'retry', 'on_error', 'cache'],
  edge: ['from', 'to'],
  body: ['nodes', 'edges', 'outputs'],
} as const;

export { WORKFLOW_EXTENSIONS, isWorkflowPath } from './workflow-path';

/** Splits an edge end into node and port, with the default port when none is written. */
export function parsePortRef(ref: string, defaultPort: string): { node: string; port: string } {
  const dot = ref.indexOf('.');
  return dot < 0 ? { node: ref, port: defaultPort } : { node: ref.slice(0, dot), port: ref.slice(dot + 1) };
}
