/**
 * `loop`: runs its body again and again: `count` times, once per item (`for_each` over the `items`
 * input), `while` an expression holds (checked before each round), or `until` it holds (checked
 * after). The loop's inputs are its first state; each round's outputs update the state, so a body can
 * refine a draft round after round. `max_iterations` guards while/until loops.
 */
import { z } from 'zod';
import { evaluate } from '../expression/evaluate';
import { truthy } from '../expression/functions';
import { bodyValue, defineNode, type BodyRef, type NodeContext, type PortSpec } from '../node-types';
import { body, bool, expression, integer } from './fields';

const Config = z.strictObject(
  {
    count: integer(0, 10_000).optional(),
    for_each: bool().optional(),
    while: expression().optional(),
    until: expression().optional(),
    /** The most rounds a while/until loop may run (default 10). */
    max_iterations: integer(1, 10_000).optional(),
    /** At the limit: `fail` (default) or `finish` with the last round's result. */
    on_limit: z.enum(['fail', 'finish'], { error: 'fail or finish' }).optional(),
    body: body(),
  },
  { error: 'a mapping with body and one of count, for_each, while, until' },
);
type Config = z.infer<typeof Config>;

/** Output names the inline body's output nodes fill: they become ports of the loop too. */
function bodyOutputs(c: Config): string[] {
  if (typeof c.body === 'string') return [];
  const nodes = (c.body as { nodes: unknown[] }).nodes as { type?: unknown; config?: { name?: unknown } }[];
  const names = nodes.filter((n) => n?.type === 'output').map((n) => (typeof n.config?.name === 'string' ? n.config.name : 'output'));
  return [...new Set(names)].filter((n) => !['output', 'state', 'iterations'].includes(n));
}

/** The `loop` node type. */
export const loopNode = defineNode<Config>({
  type: 'loop',
  title: 'Loop',
  description: 'Repeats its body: count times, for each item, while or until an expression holds (with a max-iterations guard).',
  category: 'flow',
  config: Config,
  inputs: (c) => (c.for_each ? [{ name: 'items', type: 'array', required: true, description: 'one round per item' }] : []),
  openInputs: true,
  outputs: (c) => [
    { name: 'output', type: c.for_each ? 'array' : 'any', description: c.for_each ? "every round's result" : "the last round's result" },
    { name: 'state', type: 'object', description: 'the final state: the inputs updated by each round' },
    { name: 'iterations', type: 'integer', description: 'rounds run' },
    ...bodyOutputs(c).map((name): PortSpec => ({ name, type: 'any', description: `the body's output '${name}' after the last round` })),
  ],
  cacheable: true,
  bodies: (c) => ({ body: c.body as BodyRef }),
  bodyScope: (c) => ['iteration', 'output', ...(c.for_each ? ['item', 'index'] : []), ...bodyOutputs(c)],
  check: (c) => {
    const modes = [c.count, c.for_each || undefined, c.while, c.until].filter((m) => m !== undefined).length;
    return modes === 1 ? [] : [{ path: [], message: 'give exactly one of count, for_each: true, while or until' }];
  },
  run: (ctx) => runLoop(ctx),
});

async function runLoop(ctx: NodeContext<Config>) {
  const c = ctx.config;
  const items = c.for_each ? ctx.inputs.items : undefined;
  if (c.for_each && !Array.isArray(items)) throw new Error('the items input must be a list');
  const rounds = c.count ?? (items as unknown[] | undefined)?.length ?? c.max_iterations ?? 10;
  const guarded = c.while !== undefined || c.until !== undefined;
  let state: Record<string, unknown> = Object.fromEntries(Object.entries(ctx.inputs).filter(([k]) => k !== 'items'));
  let output: unknown = null;
  const collected: unknown[] = [];
  let iteration = 0;
  const test = (expr: string, next: number) => truthy(evaluate(expr, ctx.scope.child({ ...state, iteration: next, output })));
  for (;;) {
    if (iteration >= rounds) {
      if (guarded && c.on_limit !== 'finish') {
        throw new Error(`reached max_iterations (${rounds}) before its ${c.while !== undefined ? 'while' : 'until'} condition ended it (set on_limit: finish to keep the last result)`);
      }
      break;
    }
    if (c.while !== undefined && !test(c.while, iteration + 1)) break;
    iteration++;
    const item = items ? { item: (items as unknown[])[iteration - 1], index: iteration - 1 } : {};
    const outputs = await ctx.runBody('body', { ...state, iteration, output, ...item }, `[${iteration}]`);
    output = bodyValue(outputs);
    state = { ...state, ...outputs };
    if (c.for_each) collected.push(output);
    if (c.until !== undefined && test(c.until, iteration)) break;
  }
  const extra = Object.fromEntries(bodyOutputs(c).filter((n) => Object.hasOwn(state, n)).map((n) => [n, state[n]]));
  return { output: c.for_each ? collected : output, state, iterations: iteration, ...extra };
}
