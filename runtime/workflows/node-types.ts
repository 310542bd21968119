/**
 * What a workflow node type is: its description (runtime/contract/workflow-nodes: ports, config
 * schema, editor metadata, shared with the studio) plus how it runs. Each type is one file in nodes/
 * and one line in registry.ts.
 */
import type { NodeEvent } from '../contract/workflow-events';
import type { NodeDescription } from '../contract/workflow-nodes/describe';
import type { Scope } from './expression/evaluate';
import type { WorkflowHost } from './host';
import type { LlmTokenUsage } from '../llm/types';
import type { WorkflowLlm } from './host';

export type { NodeCategory, PortSpec } from '../contract/workflow-nodes/describe';

/** A body: a sub-graph written inline (`WorkflowBody`, checked by the compiler), or a workflow file path. */
export type BodyRef = { nodes: unknown[]; edges?: unknown; outputs?: unknown } | string;

/** A static problem in a node's config, at a path below `config`. */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

/** What a node emits while it runs (the executor adds run id, node id and type). */
export type NodeEmit = NodeEvent extends infer E
  ? E extends { type: 'token' | 'tool-call' | 'tool-result' | 'node-output' | 'input-requested' }
    ? Omit<E, 'runId' | 'nodeId' | 'nodeType'>
    : never
  : never;

/** Everything a node's `run` may use. Capabilities come in here, never from globals. */
export interface NodeContext<C> {
  /** The node's path (`improve[2]/critique` inside bodies). */
  readonly id: string;
  readonly config: C;
  /** Values by input port (a `multiple` port holds the list of values that arrived). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Names templates and expressions read: the inputs, then body values, then workflow inputs. */
  readonly scope: Scope;
  /** Aborted on cancel, on this node's timeout, and when the run stops. */
  readonly signal: AbortSignal;
  readonly host: WorkflowHost;
  /** Absolute path of the workflow file this node is in (relative paths resolve from its folder). */
  readonly file: string;
  /** The run's LLM service; usage is counted for this node and streamed text becomes token events. */
  readonly llm: WorkflowLlm;
  emit(event: NodeEmit): void;
  /** Adds tokens used by this node (calls through `llm` are counted already). */
  addTokens(usage: LlmTokenUsage): void;
  /** Runs the body under `key` (from `bodies`) with `vars` in scope; resolves with its outputs. */
  runBody(key: string, vars: Record<string, unknown>, label: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
  /** Runs another workflow file (relative to this one) with typed inputs; resolves with its outputs. */
  runFile(path: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** A node's result: values by output port. A port left out is skipped (a branch not taken). */
export type NodeResult = Record<string, unknown>;

/** A node type: its shared description, plus what only the runtime needs. */
export interface NodeDefinition<C> extends NodeDescription<C> {
  /** True when the node does outside work and needs a concurrency slot (default false). */
  slot?(config: C): boolean;
  /** False: results never go to the cache (input and output nodes). Default true. */
  readonly cacheable?: boolean;
  /** Sub-graphs the node runs, by key. */
  bodies?(config: C): Record<string, BodyRef>;
  /** Names a body may read beyond the parent's scope (`item`, `iteration`, ...). */
  bodyScope?(config: C, inputPorts: string[]): string[];
  /** Workflow files the node runs (nested workflows), for validation and cycle detection. */
  files?(config: C): string[];
  /** Template strings in the config, with their paths, for name checks. */
  templates?(config: C): { path: (string | number)[]; value: unknown }[];
  /** The workflow output this node fills (output nodes). */
  fills?(config: C): string | undefined;
  /** The workflow input this node reads (input nodes), undefined for all of them. */
  reads?(config: C): string | undefined;
  /** Checks beyond the schema. */
  check?(config: C): ConfigProblem[];
  run(ctx: NodeContext<C>): Promise<NodeResult> | NodeResult;
}

/** A definition with its config type erased, as the registry holds it. */
export type AnyNodeDefinition = NodeDefinition<unknown>;

/** Types `C` from the config schema and erases it for the registry. */
export function defineNode<C>(definition: NodeDefinition<C>): AnyNodeDefinition {
  return definition as unknown as AnyNodeDefinition;
}

/** The value a body run gives a loop or parallel node: the single output itself, or the mapping of them. */
export function bodyValue(outputs: Record<string, unknown>): unknown {
  const keys = Object.keys(outputs);
  return keys.length === 1 ? outputs[keys[0]!] : outputs;
}
