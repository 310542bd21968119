/**
 * A workflow graph checked and prepared for running: nodes with their parsed configs, ports and
 * edges, run options resolved from node fields and workflow settings, bodies compiled.
 */
import type { FailurePolicy, OutputDeclaration, WorkflowNode } from '../../contract/workflow';
import type { AnyNodeDefinition, PortSpec } from '../node-types';

/** A node ready to run. */
export interface CompiledNode {
  readonly id: string;
  readonly spec: WorkflowNode;
  readonly def: AnyNodeDefinition;
  /** `spec.config` parsed by the type's schema. */
  readonly config: unknown;
  readonly inPorts: ReadonlyMap<string, PortSpec>;
  readonly outPorts: ReadonlyMap<string, PortSpec>;
  readonly incoming: CompiledEdge[];
  readonly outgoing: CompiledEdge[];
  /** Bodies by key: compiled inline graphs, or absolute paths of workflow files (loaded when run). */
  readonly bodies: ReadonlyMap<string, CompiledGraph | string>;
  readonly policy: FailurePolicy;
  /** Milliseconds per attempt, when limited. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, and the first delay (doubled each time). */
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly cache: boolean;
  /** Needs a concurrency slot while it runs. */
  readonly slot: boolean;
  /** Field path of the node in its file (`nodes[3]`, or inside a body), for its line in errors. */
  readonly path: readonly (string | number)[];
}

/** An edge between two compiled nodes. */
export interface CompiledEdge {
  readonly from: CompiledNode;
  readonly fromPort: string;
  readonly to: CompiledNode;
  readonly toPort: string;
  /** This edge's index in `to.incoming`. */
  readonly targetIndex: number;
}

/** A graph: a whole workflow file, or a body inside a loop or parallel node. */
export interface CompiledGraph {
  /** Absolute path of the file the graph is written in. */
  readonly file: string;
  readonly nodes: readonly CompiledNode[];
  readonly byId: ReadonlyMap<string, CompiledNode>;
  /** Declared outputs, when the graph declares them. */
  readonly outputs?: Readonly<Record<string, OutputDeclaration>>;
  /** Line of a field path in the file, when known (computed on demand). */
  readonly lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

/** Default port names of edge ends written without a port, and the fallback error port (shared with the canvas). */
export { DEFAULT_INPUT, DEFAULT_OUTPUT, ERROR_PORT } from '../../contract/workflow-nodes/describe';
