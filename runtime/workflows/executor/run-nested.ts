/**
 * Runs graphs inside a node: a body (inline sub-graph of a loop or parallel node, or a workflow file
 * named as body), and nested workflow files, with cycle detection over the files being run.
 */
import path from 'node:path';
import { hasParameterType, type ParameterType } from '../../contract/spell-parameter';
import type { OutputDeclaration } from '../../contract/workflow';
import { ParamsError, resolveParams } from '../../spells/parameters';
import { Scope } from '../expression/evaluate';
import { kind } from '../expression/functions';
import type { CompiledNode } from '../graph/compiled-graph';
import type { Frame } from './frame';

/** Runs body `key` of `node` with `vars` added to the node's scope. */
export async function runBody(
  frame: Frame,
  node: CompiledNode,
  nodeScope: Scope,
  key: string,
  vars: Record<string, unknown>,
  prefix: string,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const body = node.bodies.get(key);
  if (body === undefined) throw new Error(`node '${node.id}' has no body '${key}'`);
  const read = frame.readCache(node);
  if (typeof body === 'string') return runNestedFile(frame, body, vars, { prefix, signal, read, onlyDeclared: true });
  return frame.shared.runGraph({ ...frame, graph: body, scope: nodeScope.child(vars), prefix, signal, readCache: () => read });
}

/** How a nested file runs: event id prefix, signal, cache reads, and whether to drop undeclared values. */
export interface NestedRun {
  prefix: string;
  signal: AbortSignal;
  read: boolean;
  onlyDeclared?: boolean;
}

/**
 * Runs the workflow file `file` (relative to the current one) with `values` as its inputs, typed and
 * checked against its declarations. `onlyDeclared` drops values it does not declare (body values).
 */
export async function runNestedFile(frame: Frame, file: string, values: Record<string, unknown>, run: NestedRun): Promise<Record<string, unknown>> {
  const { prefix, signal, read, onlyDeclared = false } = run;
  const full = path.resolve(path.dirname(frame.graph.file), file);
  if (frame.stack.includes(full)) {
    const chain = [...frame.stack.slice(frame.stack.indexOf(full)), full].map((f) => path.basename(f)).join(' → ');
    throw new Error(`nested workflow cycle: ${chain}`);
  }
  const loaded = frame.shared.load(full);
  const declared = loaded.definition.inputs ? loaded.inputs : undefined;
  const given = onlyDeclared && declared ? Object.fromEntries(Object.entries(values).filter(([k]) => declared.some((p) => p.name === k))) : values;
  let inputs: Record<string, unknown>;
  try {
    inputs = resolveParams(declared, { file: given });
  } catch (error) {
    if (error instanceof ParamsError) throw new Error(`inputs of ${loaded.display}: ${error.problems.join('; ')}`);
    throw error;
  }
  const outputs = await frame.shared.runGraph({
    shared: frame.shared,
    graph: loaded.graph,
    scope: new Scope(inputs),
    prefix,
    signal,
    stack: [...frame.stack, full],
    readCache: () => read,
  });
  checkOutputs(loaded.definition.outputs, outputs, loaded.display);
  return outputs;
}

/** Throws when an output does not have its declared type. */
export function checkOutputs(declared: Record<string, OutputDeclaration> | undefined, outputs: Record<string, unknown>, display: string): void {
  for (const [name, decl] of Object.entries(declared ?? {})) {
    const value = outputs[name];
    if (value === undefined || decl.type === undefined || decl.type === 'any') continue;
    if (!hasParameterType(decl.type as ParameterType, value)) throw new Error(`${display}: output '${name}' should be ${decl.type}, got ${kind(value)}`);
  }
}
