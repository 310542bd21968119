/**
 * The `workflows` service of a run: what the `workflow` bridge calls to load and run a workflow file.
 * The workflow runs in the host with the calling run's LLM service and services, one level below the
 * caller in its budget: its script and spell nodes get engine processes of their own from the
 * caller's supervisor, with what is left of the caller's time and its memory cap, and the same
 * bridges as the spell.
 */
import path from 'node:path';
import type { BridgeCallContext, BridgeHandlers } from '../bridges/types';
import { ioHandlers } from '../bridges/io';
import { llmHandlers } from '../bridges/llm';
import { stdlibHandlers } from '../bridges/stdlib-services';
import { workflowHandlers, type WorkflowFiles, type WorkflowSummary } from '../bridges/workflow';
import { BridgeError, ErrorCode } from '../contract/error-codes';
import { BudgetError, RUN_BUDGET, type RunBudget } from '../host/run-budget';
import { ParamsError } from '../spells/parameters';
import { runWorkflow } from '../workflows/executor/run-workflow';
import type { WorkflowLlm } from '../workflows/host';
import { nodeTypes } from '../workflows/registry';
import { loadWorkflowFile, WorkflowFileError, type LoadedWorkflow } from '../workflows/workflow-loader';

/** Loads the file a spell names (relative paths from the host's working folder). */
function load(method: string, file: string): LoadedWorkflow {
  try {
    return loadWorkflowFile(path.resolve(file), nodeTypes, file);
  } catch (error) {
    if (error instanceof WorkflowFileError) throw new BridgeError(`${method}: ${error.message}`, ErrorCode.InvalidWorkflow);
    throw error;
  }
}

/** What engine runs inside a workflow run from a spell may call: the same bridges as the spell. */
function nestedBridges(): BridgeHandlers {
  return { ...llmHandlers, ...ioHandlers, ...stdlibHandlers, ...workflowHandlers };
}

/** Loads and runs workflow files for the `workflow` bridge. */
export const workflowFiles: WorkflowFiles = {
  describe(method: string, file: string): WorkflowSummary {
    const { definition, inputs } = load(method, file);
    return {
      name: definition.name,
      description: definition.description ?? '',
      inputs: inputs.map((p) => ({ name: p.name, type: p.type, required: p.required, ...(p.default !== undefined ? { default: p.default } : {}) })),
      outputs: Object.keys(definition.outputs ?? {}),
    };
  },

  async run(method: string, file: string, inputs: Record<string, unknown>, ctx: BridgeCallContext, onEvent?: (event: unknown) => void) {
    const workflow = load(method, file);
    const budget = nestedBudget(method, ctx, workflow.display);
    try {
      const outcome = await runWorkflow(workflow, {
        inputs,
        registry: nodeTypes,
        // The caller's end (its time limit, Stop, Ctrl+C) cancels the workflow and its engine runs.
        signal: ctx.signal,
        host: {
          llm: ctx.services.llm as WorkflowLlm | undefined,
          bridges: nestedBridges(),
          services: ctx.services,
          budget,
        },
        ...(onEvent ? { onEvent } : {}),
      });
      if (!outcome.ok) throw new BridgeError(outcome.error?.message ?? 'the workflow failed', outcome.error?.code ?? ErrorCode.WorkflowError);
      return outcome.outputs;
    } catch (error) {
      if (error instanceof ParamsError) throw new BridgeError(`${method}: ${workflow.display}: ${error.problems.join('; ')}`, ErrorCode.BadArgument);
      throw error;
    }
  },
};

/** The calling run's budget, one level down for the workflow `display`. */
function nestedBudget(method: string, ctx: BridgeCallContext, display: string): RunBudget {
  const budget = ctx.services[RUN_BUDGET] as RunBudget | undefined;
  if (!budget) throw new BridgeError(`${method}: this run has no engine budget, so workflow files cannot run here`, ErrorCode.WorkflowUnavailable);
  try {
    return budget.enter(display);
  } catch (error) {
    if (error instanceof BudgetError) throw new BridgeError(`${method}: ${error.message}`, error.code);
    throw error;
  }
}
