/**
 * The `workflow` bridge, host side: `workflow.load_file` checks a workflow file and describes it,
 * `workflow.run_file` runs it, and `workflow.output` (see workflow-output.ts). Loading and running
 * are the run's `workflows` service (`ctx.services.workflows`, see runtime/services/workflow-files.ts):
 * the bridge only reads the spell's arguments.
 */
import { z } from 'zod';
import { BridgeError, ErrorCode } from '../contract/error-codes';
import { isWorkflowPath } from '../contract/workflow';
import { argument } from './bridge-args';
import type { BridgeCallContext, BridgeHandlers } from './types';
import { workflowOutputHandlers } from './workflow-output';

/** The service key of the run's workflow runner. */
export const WORKFLOWS = 'workflows';

/** What `workflow.load_file` tells a spell about a workflow file. */
export interface WorkflowSummary {
  name: string;
  description: string;
  inputs: { name: string; type: string; required: boolean; default?: unknown }[];
  outputs: string[];
}

/**
 * Loads and runs workflow files for a spell (`ctx.services.workflows`). Errors are `BridgeError`s
 * whose message starts with `method` (`workflow.run_file: ...`), except a failed run's own error.
 */
export interface WorkflowFiles {
  /** Checks the file (relative paths from the host's working folder) and describes it. */
  describe(method: string, file: string): WorkflowSummary | Promise<WorkflowSummary>;
  /** Runs the file with `inputs` for the call `ctx`; `onEvent` receives each workflow event. */
  run(method: string, file: string, inputs: Record<string, unknown>, ctx: BridgeCallContext, onEvent?: (event: unknown) => void): Promise<Record<string, unknown>>;
}

const FilePath = z.string({ error: 'a workflow file path' }).refine(isWorkflowPath, { error: 'a path ending in .workflow.yaml, .workflow.yml or .workflow.json' });
const Inputs = z.record(z.string(), z.unknown(), { error: 'a table of inputs' }).or(z.array(z.never()).transform(() => ({})));
const Options = z
  .object({ events: z.boolean().optional() })
  .or(z.array(z.never()).transform((): { events?: boolean } => ({})))
  .optional();

/** The run's workflow runner; a `BridgeError` when the run has none. */
function workflowsOf(ctx: BridgeCallContext, method: string): WorkflowFiles {
  const files = ctx.services[WORKFLOWS] as WorkflowFiles | undefined;
  if (!files) throw new BridgeError(`${method}: workflow files cannot run in this run`, ErrorCode.WorkflowUnavailable);
  return files;
}

/** Handlers of the `workflow` bridge, keyed by method name. */
export const workflowHandlers: BridgeHandlers = {
  ...workflowOutputHandlers,

  /** `workflow.load_file(path)` → `{name, description, inputs, outputs}`; every problem of an invalid file. */
  'workflow.load_file': async (args, ctx) => {
    const file = argument('workflow.load_file', args, 0, 'path', FilePath);
    return workflowsOf(ctx, 'workflow.load_file').describe('workflow.load_file', file);
  },

  /** `workflow.run_file(path, inputs, {events})` → the outputs; with `events`, each workflow event is sent to the spell. */
  'workflow.run_file': async (args, ctx) => {
    const file = argument('workflow.run_file', args, 0, 'path', FilePath);
    const inputs = argument('workflow.run_file', args, 1, 'inputs', Inputs.optional()) ?? {};
    const options = argument('workflow.run_file', args, 2, 'options', Options) ?? {};
    return workflowsOf(ctx, 'workflow.run_file').run('workflow.run_file', file, inputs, ctx, options.events ? (event) => ctx.emit(event) : undefined);
  },
};
