/**
 * `loop`: runs its body again and again: `count` times, once per item (`for_each` over the `items`
 * input), `while` an expression holds (checked before each round), or `until` it holds (checked
 * after). The loop's inputs are its first state; each round's outputs update the state, so a body can
 * refine a draft round after round. `max_iterations` guards while/until loops.
 */
import { evaluate } from '../expression/evaluate';
import { truthy } from '../expression/functions';
import { bodyValue, defineNode, type BodyRef, type NodeContext } from '../node-types';
import { loopBodyOutputs as bodyOutputs, loopDescription, type LoopConfig as Config } from '../../contract/workflow-nodes/repeat';



/** The `loop` node type. */
export const loopNode = defineNode<Config>({
  ...loopDescription,
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
