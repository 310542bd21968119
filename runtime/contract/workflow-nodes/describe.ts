/**
 * What a workflow node type is, as pure data and pure functions: its name and help, its config
 * schema (which also drives the studio's inspector form) and its ports. The validator in
 * runtime/workflows and the studio's canvas both read this one description; runtime/workflows adds
 * how the type runs.
 */
import type { z } from 'zod';
import type { ValueType } from '../workflow';

/** One input or output port. */
export interface PortSpec {
  name: string;
  type: ValueType;
  description?: string;
  /** An input that must have an edge. */
  required?: boolean;
  /** An input that takes many edges; the node receives the list of values that arrived. */
  multiple?: boolean;
}

/** Where a node sits in the palette. */
export type NodeCategory = 'io' | 'ai' | 'code' | 'flow' | 'data' | 'human';

/** Palette group titles, in palette order. */
export const NODE_CATEGORIES: readonly { id: NodeCategory; title: string }[] = [
  { id: 'io', title: 'Inputs and outputs' },
  { id: 'ai', title: 'AI' },
  { id: 'flow', title: 'Flow' },
  { id: 'data', title: 'Data' },
  { id: 'code', title: 'Code' },
  { id: 'human', title: 'Human' },
];

/** The port an edge end without `.port` names. */
export const DEFAULT_INPUT = 'input';
export const DEFAULT_OUTPUT = 'output';
/** The output port of a node with `on_error: fallback`: its error. */
export const ERROR_PORT = 'error';

/** A node type as the validator and the canvas see it. */
export interface NodeDescription<C> {
  readonly type: string;
  readonly title: string;
  /** One sentence for the palette and hover help. */
  readonly description: string;
  readonly category: NodeCategory;
  /** Parses `config` (absent config parses `{}`); messages are the expected half of "expected X, got Y". */
  readonly config: z.ZodType<C>;
  /** A config for a node added from the palette: valid, or close to it, and easy to complete. */
  readonly starter?: Record<string, unknown>;
  inputs(config: C): PortSpec[];
  outputs(config: C): PortSpec[];
  /** Any input port name is accepted (type `any`): templates read them as `{{name}}`. */
  readonly openInputs?: boolean;
  /** Runs when any input arrives: skipped inputs are left out instead of skipping the node (merge). */
  readonly joins?: boolean;
  /** Config keys holding sub-graphs (`body`, or the mapping `branches`). */
  readonly bodyKeys?: readonly string[];
}

/** A description with its config type erased, as lists hold it. */
export type AnyNodeDescription = NodeDescription<unknown>;

/** Types `C` from the config schema. */
export function describeNode<C>(description: NodeDescription<C>): NodeDescription<C> {
  return description;
}

/** True when a value of type `from` may flow into a port of type `to`. */
export function typesFit(from: ValueType, to: ValueType): boolean {
  return from === 'any' || to === 'any' || from === to || (from === 'integer' && to === 'number');
}
