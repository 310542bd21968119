/**
 * `parallel`: fans out, then aggregates. Either runs one body per item of its `items` input, or runs
 * named `branches` side by side on the same inputs. Results come back as a list, a mapping, the
 * first to finish (the others are cancelled), or the majority vote.
 */
import { setMaxListeners } from 'node:events';
import { parallelDescription, type ParallelConfig as Config } from '../../contract/workflow-nodes/repeat';
import { defineNode, type BodyRef, type NodeContext } from '../node-types';
import { aggregate } from './parallel-aggregate';

type Mode = NonNullable<Config['aggregate']>;

/** The `parallel` node type. */
export const parallelNode = defineNode<Config>({
  ...parallelDescription,
  cacheable: true,
  bodies: (c): Record<string, BodyRef> => (c.body ? { body: c.body as BodyRef } : (c.branches as Record<string, BodyRef>) ?? {}),
  bodyScope: (c) => (c.body ? ['item', 'index'] : ['branch']),
  check: (c) => ((c.body === undefined) === (c.branches === undefined) ? [{ path: [], message: 'give exactly one of body (with an items input) or branches' }] : []),
  async run(ctx) {
    const mode: Mode = ctx.config.aggregate ?? 'list';
    const runs = fanOut(ctx);
    const stop = new AbortController();
    const signal = AbortSignal.any([ctx.signal, stop.signal]);
    setMaxListeners(0, signal); // one listener per body run: a wide fan-out has thousands

    const started = runs.map((r) => ctx.runBody(r.key, r.vars, r.label, signal).then((outputs) => ({ name: r.name, outputs })));
    try {
      if (mode === 'first') {
        if (started.length === 0) return { output: null };
        const winner = await Promise.any(started).catch((error: AggregateError) => Promise.reject(error.errors[0] as Error));
        return aggregate(mode, [winner]);
      }
      return aggregate(mode, await Promise.all(started));
    } finally {
      stop.abort(new Error('another branch decided the result'));
      await Promise.allSettled(started);
    }
  },
});

/** One body run per item, or per branch. */
function fanOut(ctx: NodeContext<Config>): { key: string; name: string; vars: Record<string, unknown>; label: string }[] {
  if (ctx.config.body) {
    const items = ctx.inputs.items;
    if (!Array.isArray(items)) throw new Error('the items input must be a list');
    return items.map((item, index) => ({ key: 'body', name: keyOf(item, index), vars: { item, index }, label: `[${index}]` }));
  }
  return Object.keys(ctx.config.branches ?? {}).map((name) => ({ key: name, name, vars: { branch: name }, label: `.${name}` }));
}

function keyOf(item: unknown, index: number): string {
  return typeof item === 'string' || typeof item === 'number' ? String(item) : String(index);
}
