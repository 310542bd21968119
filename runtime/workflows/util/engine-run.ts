/**
 * Runs Lua, JavaScript or Tengo for a spell or script node in its own sandboxed engine process, one level
 * below the workflow in the run's budget (its time, memory and process count), with the run's bridges. The result is what the code hands back (a JS default
 * export's value, or Lua's `workflow.output(value)`); printed text becomes node-output events.
 * Cancelling the node stops the engine process.
 */
import type { BridgeHandlers } from '../../bridges/types';
import { withOutputSink, workflowOutputHandlers } from '../../bridges/workflow-output';
import type { SpellSource } from '../../contract/engine-protocol';
import type { RunLimits } from '../../contract/limits';
import type { NodeContext } from '../node-types';
import { abortReason } from './abort';

/** What to run. */
export interface EngineJob {
  source: SpellSource;
  spellName: string;
  params: Record<string, unknown>;
  /** The bridges it may call; default: all of the run's. */
  bridges?: BridgeHandlers;
  /** Lower limits it asks for (a spell's manifest); it never gets more than the run has left. */
  limits?: Partial<RunLimits>;
  /** Its name in the chain of nested runs (default: `spellName`). */
  label?: string;
}

/** What came back: the result (when the code gave one) and everything printed to stdout. */
export interface EngineResult {
  value: unknown;
  hasValue: boolean;
  stdout: string;
}

/** An engine run failed: the spell's error with its code (`spell_error`, `timeout`, `memory`, ...). */
export class EngineRunError extends Error {
  override name = 'EngineRunError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Runs `job` for the node of `ctx`. */
export async function runInEngine(ctx: NodeContext<unknown>, job: EngineJob): Promise<EngineResult> {
  const budget = ctx.host.budget;
  if (!budget) throw new Error('this run has no engine supervisor, so spell and script nodes cannot run here');
  if (ctx.signal.aborted) throw abortReason(ctx.signal);
  let value: unknown;
  let hasValue = false;
  const stdout: string[] = [];
  const services = withOutputSink(ctx.host.services, { set: (v) => ((value = v), (hasValue = true)) });
  const controller = budget.enter(job.label ?? job.spellName).run(
    { spell: job.source, spellName: job.spellName, params: job.params, ...(job.limits ? { limits: job.limits } : {}), logLevel: ctx.host.logLevel ?? 'info' },
    {
      bridges: { ...(job.bridges ?? ctx.host.bridges), ...workflowOutputHandlers },
      services,
      onEvent: (event) => {
        if (event.type === 'output') {
          if (event.stream === 'stdout') stdout.push(event.text);
          ctx.emit({ type: 'node-output', stream: event.stream, text: event.text });
        } else if (event.type === 'token') ctx.emit({ type: 'token', text: event.text });
        else if (event.type === 'tool-call') ctx.emit({ type: 'tool-call', tool: event.tool, arguments: event.arguments });
        else if (event.type === 'tool-result') ctx.emit({ type: 'tool-result', tool: event.tool, ok: event.ok, ...(event.error ? { error: event.error } : {}) });
      },
    },
  );
  // Cancel or time-out of the node: stop the engine process (SIGKILL follows if it does not listen).
  const onAbort = () => controller.stop(abortReason(ctx.signal).message);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const outcome = await controller.done.finally(() => ctx.signal.removeEventListener('abort', onAbort));
  if (ctx.signal.aborted) throw abortReason(ctx.signal);
  if (!outcome.ok) throw new EngineRunError(outcome.error?.message ?? 'the engine run failed', outcome.error?.code ?? 'spell_error');
  if (!hasValue && outcome.result !== undefined) {
    value = outcome.result;
    hasValue = true;
  }
  return { value, hasValue, stdout: stdout.join('') };
}
