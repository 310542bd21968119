/**
 * Runs of workflow files started from the studio: the same loader, executor, cache and `--from` as
 * `llmspell run flow.workflow.yaml`, with the studio's settings. Every workflow event goes out as a
 * `workflow` run event (the canvas and run history read them); the CLI's progress lines and the
 * outputs go out as `output` events, so the Output log shows what the terminal would.
 */
import path from 'node:path';
import type { LoadedConfig } from '../config';
import type { LogLevel } from '../contract/engine-protocol';
import type { RunEvent, RunOutcome } from '../contract/run-events';
import type { WorkflowEvent } from '../contract/workflow-events';
import { RunBudget } from '../host/run-budget';
import type { Supervisor } from '../host/supervisor';
import type { McpHub } from '../mcp/mcp-hub';
import { createRunServices } from '../services/run-services';
import { ParamsError, resolveParams } from '../spells/parameters';
import { HumanRequests, NodeCache, nodeTypes, runWorkflow, WorkflowFileError, type LoadedWorkflow, type WorkflowLlm } from '../workflows';
import { loadWorkflowFile } from '../workflows/workflow-loader';
import { WorkflowAbort } from '../workflows/util/abort';
import { formatOutputs, WorkflowPrinter } from '../workflows/workflow-printer';
import { badInput, StudioError } from './studio-error';

/** What one workflow run needs from the studio. */
export interface WorkflowRunRequest {
  runId: string;
  /** Absolute path of the workflow file. */
  file: string;
  params: Record<string, unknown>;
  from?: string;
  loaded: LoadedConfig;
  home: string;
  cwd: string;
  supervisor: Supervisor;
  cache: NodeCache;
  /** The studio's MCP servers. */
  mcp?: McpHub;
  onEvent: (event: RunEvent) => void;
}

/** A started workflow run. */
export interface WorkflowRun {
  stop(reason: string): void;
  /** Answers a human node; false when no such question waits. */
  answer(requestId: string, text: string): boolean;
  /** Resolves when the run ended, with its outcome, tokens used and what its LLM calls cost (US dollars). */
  done: Promise<{ outcome: RunOutcome; tokens: number | undefined; cost: number }>;
}

/** Loads and checks the file, its inputs and `from` (each problem is an error of `runs.start`). */
export function prepareWorkflow(file: string, params: Record<string, unknown>, from: string | undefined, cwd: string): LoadedWorkflow {
  let workflow: LoadedWorkflow;
  try {
    workflow = loadWorkflowFile(file, nodeTypes, path.relative(cwd, file) || file);
  } catch (error) {
    if (error instanceof WorkflowFileError) throw new StudioError(`invalid workflow (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n${error.message}`, 'bad_workflow');
    throw error;
  }
  try {
    resolveParams(workflow.definition.inputs ? workflow.inputs : undefined, { file: params });
  } catch (error) {
    if (error instanceof ParamsError) throw badInput('params', error.problems.join('; '));
    throw error;
  }
  if (from !== undefined && !workflow.graph.byId.has(from)) throw badInput('from', `no node '${from}' in ${workflow.display} (nodes: ${[...workflow.graph.byId.keys()].join(', ')})`);
  return workflow;
}

/** Starts a prepared workflow run; never throws (a failure is the run's outcome). */
export function startWorkflowRun(workflow: LoadedWorkflow, request: WorkflowRunRequest): WorkflowRun {
  const { runId, onEvent, loaded } = request;
  const { config } = loaded;
  const controller = new AbortController();
  const human = new HumanRequests();
  const output = (stream: 'stdout' | 'stderr') => ({ write: (text: string) => (onEvent({ type: 'output', runId, stream, text }), true) }) as unknown as NodeJS.WritableStream;
  // The terminal prints progress on stderr; in the Output log only failures read as errors.
  const progress = { write: (text: string) => (onEvent({ type: 'output', runId, stream: /^\s*✗/.test(text) ? 'stderr' : 'stdout', text }), true) } as unknown as NodeJS.WritableStream;
  const printer = new WorkflowPrinter({ stdout: output('stdout'), stderr: progress, json: false, level: config.log_level as LogLevel });
  const services = createRunServices(loaded, {
    // every LLM call of the workflow's own nodes is in its trace, priced
    onLlmCall: (call) => onEvent({ type: 'llm', runId, ...call }),
    home: request.home,
    notice: (message) => onEvent({ type: 'log', runId, level: 'warn', message, fields: {} }),
    ...(request.mcp ? { mcp: request.mcp } : {}),
    storageOwner: { file: workflow.file }, // the workflow's own storage, by its path (as in `llmspell run`)
  });
  const started = Date.now();
  onEvent({ type: 'started', runId, at: started });
  // One budget for the whole workflow, as in `llmspell run`: its engine runs share the time limit and the memory cap.
  const { limits } = config;
  const budget = RunBudget.root(
    request.supervisor,
    { timeoutMs: Math.round(limits.timeout * 1000), memoryBytes: Math.round(limits.memory * 2 ** 20), ...(limits.cpu !== undefined ? { cpuMs: Math.round(limits.cpu * 1000) } : {}), maxDepth: limits.max_depth, maxProcesses: limits.max_processes },
    workflow.display,
    services.cost,
  );
  // the cost cap ends the whole workflow, as the time limit does
  services.cost.onOver((message) => controller.abort(new WorkflowAbort(message, 'cost_limit')));

  const done = runWorkflow(workflow, {
    runId,
    inputs: request.params,
    registry: nodeTypes,
    signal: controller.signal,
    onEvent: (event: WorkflowEvent) => {
      onEvent({ type: 'workflow', runId, event });
      printer.onEvent(event);
    },
    ...(request.from !== undefined ? { from: request.from } : {}),
    host: {
      llm: services.services.llm as WorkflowLlm,
      bridges: services.bridges,
      services: services.services,
      budget,
      logLevel: config.log_level as LogLevel,
      human,
      cache: request.cache,
    },
  }).then(
    (result) => {
      if (result.ok) onEvent({ type: 'output', runId, stream: 'stdout', text: formatOutputs(result.outputs) });
      const outcome: RunOutcome = { runId, ok: result.ok, durationMs: result.durationMs, ...(result.error ? { error: result.error } : {}), ...(result.ok ? { result: result.outputs } : {}) };
      return { outcome, tokens: result.tokens.total > 0 ? result.tokens.total : undefined, cost: services.cost.total };
    },
    (error: unknown) => {
      const outcome: RunOutcome = { runId, ok: false, durationMs: Date.now() - started, error: { code: 'workflow_error', message: (error as Error).message } };
      return { outcome, tokens: undefined, cost: services.cost.total };
    },
  ).then((ended) => {
    budget.close();
    const { outcome } = ended;
    onEvent({ type: 'finished', runId, ok: outcome.ok, durationMs: outcome.durationMs, ...(outcome.error ? { error: outcome.error } : {}) });
    return ended;
  });

  return {
    stop: (reason) => controller.abort(new WorkflowAbort(reason)),
    answer: (requestId, text) => human.answer(requestId, text),
    done,
  };
}
