/**
 * `workflow.output(value)`: how a Lua script or spell run by a workflow node hands back its result.
 * The node puts a sink into the run's services; outside a workflow the call is accepted and ignored.
 */
import type { BridgeHandlers, RunServices } from './types';

/** The service key of the sink. */
export const WORKFLOW_OUTPUT = 'workflowOutput';

/** Receives the value a script or spell sets as its result. */
export interface OutputSink {
  set(value: unknown): void;
}

/** Services with a sink added. */
export function withOutputSink(services: RunServices, sink: OutputSink): RunServices {
  return { ...services, [WORKFLOW_OUTPUT]: sink };
}

/** Handler of `workflow.output`. */
export const workflowOutputHandlers: BridgeHandlers = {
  /** `workflow.output(value)` → true; the value becomes the node's output. */
  'workflow.output': async (args, ctx) => {
    (ctx.services[WORKFLOW_OUTPUT] as OutputSink | undefined)?.set(args[0] ?? null);
    return true;
  },
};
