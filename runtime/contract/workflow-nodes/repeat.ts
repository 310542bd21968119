/** `parallel` and `loop`: nodes that run a body (a sub-graph) many times. */
import { z } from 'zod';
import { describeNode, type PortSpec } from './describe';
import { body, bool, branches, expression, help, integer, oneOf } from './fields';

const ParallelConfig = z.strictObject(
  {
    aggregate: help(oneOf(['list', 'map', 'first', 'vote']), 'How results come back: a list, a mapping, the first to finish, or the majority vote.').optional(),
    body: help(body(), 'Run once per item of the items input; the body reads item and index.').optional(),
    branches: help(branches(), 'Named bodies run side by side; each reads branch.').optional(),
  },
  { error: 'a mapping with body or branches' },
);
export type ParallelConfig = z.infer<typeof ParallelConfig>;

/** The `parallel` node type. */
export const parallelDescription = describeNode<ParallelConfig>({
  type: 'parallel',
  title: 'Parallel',
  description: 'Runs a body per item, or several branches, concurrently; aggregates as list, map, first or vote.',
  category: 'flow',
  config: ParallelConfig,
  starter: { aggregate: 'list', body: { nodes: [{ id: 'each', type: 'transform', config: { template: '{{item}}' } }] } },
  inputs: (c) => (c.body ? [{ name: 'items', type: 'array', required: true, description: 'one body run per item' }] : []),
  openInputs: true,
  outputs: (c) => {
    const mode = c.aggregate ?? 'list';
    const type = mode === 'list' ? 'array' : mode === 'map' ? 'object' : 'any';
    return [{ name: 'output', type }, ...(mode === 'vote' ? [{ name: 'votes', type: 'array' as const, description: '[{value, count}], most votes first' }] : [])];
  },
  bodyKeys: ['body', 'branches'],
});

const LoopConfig = z.strictObject(
  {
    count: help(integer(0, 10_000), 'Run the body this many times.').optional(),
    for_each: help(bool(), 'Run once per item of the items input.').optional(),
    while: help(expression(), 'Run while this holds (checked before each round).').optional(),
    until: help(expression(), 'Run until this holds (checked after each round).').optional(),
    max_iterations: help(integer(1, 10_000), 'The most rounds a while/until loop may run (default 10).').optional(),
    on_limit: help(oneOf(['fail', 'finish'], 'fail or finish'), 'At the limit: fail (default) or finish with the last result.').optional(),
    body: help(body(), 'The sub-graph run each round.'),
  },
  { error: 'a mapping with body and one of count, for_each, while, until' },
);
export type LoopConfig = z.infer<typeof LoopConfig>;

/** Output names the inline body's output nodes fill: they become ports of the loop too. */
export function loopBodyOutputs(c: LoopConfig): string[] {
  if (typeof c.body === 'string') return [];
  const nodes = (c.body as { nodes: unknown[] }).nodes as { type?: unknown; config?: { name?: unknown } }[];
  const names = nodes.filter((n) => n?.type === 'output').map((n) => (typeof n.config?.name === 'string' ? n.config.name : 'output'));
  return [...new Set(names)].filter((n) => !['output', 'state', 'iterations'].includes(n));
}

/** The `loop` node type. */
export const loopDescription = describeNode<LoopConfig>({
  type: 'loop',
  title: 'Loop',
  description: 'Repeats its body: count times, for each item, while or until an expression holds (with a max-iterations guard).',
  category: 'flow',
  config: LoopConfig,
  starter: { count: 2, body: { nodes: [{ id: 'step', type: 'transform', config: { expression: 'iteration' } }] } },
  inputs: (c) => (c.for_each ? [{ name: 'items', type: 'array', required: true, description: 'one round per item' }] : []),
  openInputs: true,
  outputs: (c) => [
    { name: 'output', type: c.for_each ? 'array' : 'any', description: c.for_each ? "every round's result" : "the last round's result" },
    { name: 'state', type: 'object', description: 'the final state: the inputs updated by each round' },
    { name: 'iterations', type: 'integer', description: 'rounds run' },
    ...loopBodyOutputs(c).map((name): PortSpec => ({ name, type: 'any', description: `the body's output '${name}' after the last round` })),
  ],
  bodyKeys: ['body'],
});
