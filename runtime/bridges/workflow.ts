/**
 * The `workflow` bridge, host side: `workflow.load_file` checks a workflow file and describes it,
 * `workflow.run_file` runs it in the host with the run's LLM service and services (script and spell
 * nodes get engine processes of their own), and `workflow.output` (see workflow-output.ts).
 */
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../contract/limits';
import { isWorkflowPath } from '../contract/workflow';
import { Supervisor } from '../host/supervisor';
import { ParamsError } from '../spells/parameters';
import { runWorkflow } from '../workflows/executor/run-workflow';
import type { WorkflowLlm } from '../workflows/host';
import { nodeTypes } from '../workflows/registry';
import { loadWorkflowFile, WorkflowFileError, type LoadedWorkflow } from '../workflows/workflow-loader';
import { argument } from './bridge-args';
import { ioHandlers } from './io';
import { llmHandlers } from './llm';
import { stdlibHandlers } from './stdlib-services';
import { BridgeError, type BridgeHandlers } from './types';
import { workflowOutputHandlers } from './workflow-output';

const FilePath = z.string({ error: 'a workflow file path' }).refine(isWorkflowPath, { error: 'a path ending in .workflow.yaml, .workflow.yml or .workflow.json' });
const Inputs = z.record(z.string(), z.unknown(), { error: 'a table of inputs' }).or(z.array(z.never()).transform(() => ({})));
const Options = z
  .object({ events: z.boolean().optional() })
  .or(z.array(z.never()).transform((): { events?: boolean } => ({})))
  .optional();

/** Loads the file a spell names (relative paths from the host's working folder). */
function load(method: string, args: unknown[]): LoadedWorkflow {
  const file = argument(method, args, 0, 'path', FilePath);
  try {
    return loadWorkflowFile(path.resolve(file), nodeTypes, file);
  } catch (error) {
    if (error instanceof WorkflowFileError) throw new BridgeError(`${method}: ${error.message}`, 'invalid_workflow');
    throw error;
  }
}

/** Handlers of the `workflow` bridge, keyed by method name. */
export const workflowHandlers: BridgeHandlers = {
  ...workflowOutputHandlers,

  /** `workflow.load_file(path)` → `{name, description, inputs, outputs}`; every problem of an invalid file. */
  'workflow.load_file': async (args) => {
    const { definition, inputs } = load('workflow.load_file', args);
    return {
      name: definition.name,
      description: definition.description ?? '',
      inputs: inputs.map((p) => ({ name: p.name, type: p.type, required: p.required, ...(p.default !== undefined ? { default: p.default } : {}) })),
      outputs: Object.keys(definition.outputs ?? {}),
    };
  },

  /** `workflow.run_file(path, inputs, {events})` → the outputs; with `events`, each workflow event is sent to the spell. */
  'workflow.run_file': async (args, ctx) => {
    const workflow = load('workflow.run_file', args);
    const inputs = argument('workflow.run_file', args, 1, 'inputs', Inputs.optional()) ?? {};
    const options = argument('workflow.run_file', args, 2, 'options', Options) ?? {};
    // Engine processes only on demand (poolSize 0), all gone when the run is over.
    const supervisor = new Supervisor({ poolSize: 0, refillPool: false });
    try {
      const outcome = await runWorkflow(workflow, {
        inputs,
        registry: nodeTypes,
        signal: ctx.signal,
        host: {
          llm: ctx.services.llm as WorkflowLlm | undefined,
          bridges: nestedBridges(),
          services: ctx.services,
          supervisor,
          limits: DEFAULT_LIMITS,
        },
        ...(options.events ? { onEvent: (event) => ctx.emit(event) } : {}),
      });
      if (!outcome.ok) throw new BridgeError(outcome.error?.message ?? 'the workflow failed', outcome.error?.code ?? 'workflow_error');
      return outcome.outputs;
    } catch (error) {
      if (error instanceof ParamsError) throw new BridgeError(`workflow.run_file: ${workflow.display}: ${error.problems.join('; ')}`, 'bad_argument');
      throw error;
    } finally {
      await supervisor.close();
    }
  },
};

/** What engine runs inside a workflow run from a spell may call: the same bridges as the spell. */
function nestedBridges(): BridgeHandlers {
  return { ...llmHandlers, ...ioHandlers, ...stdlibHandlers, ...workflowHandlers };
}
