/**
 * `llmspell run flow.workflow.yaml key=value [--json] [--from node]`: checks the file (every problem
 * listed), runs it with the configured LLM provider, prints progress on stderr (or every event as a
 * JSON line with --json) and the outputs on stdout. Results are cached on disk; `--from <node>`
 * re-runs from that node, reusing cached results of everything before it. Ctrl-C stops every node.
 */
import path from 'node:path';
import { ConfigError, llmspellHome, loadConfig } from '../../config';
import type { LogLevel } from '../../contract/engine-protocol';
import { RunBudget } from '../../host/run-budget';
import { Supervisor } from '../../host/supervisor';
import { costSummary, createRunServices } from '../../services/run-services';
import type { WorkflowEvent } from '../../contract/workflow-events';
import { costLine } from '../cost-line';
import type { McpHub } from '../../mcp/mcp-hub';
import { openMcpHub } from '../mcp-hub';
import { ParamsError, readParamsFile } from '../../spells/parameters';
import { NodeCache } from '../../workflows/cache/node-cache';
import { runWorkflow, UnknownNodeError } from '../../workflows/executor/run-workflow';
import type { CompiledGraph } from '../../workflows/graph/compiled-graph';
import type { WorkflowLlm } from '../../workflows/host';
import { nodeTypes } from '../../workflows/registry';
import { WorkflowAbort } from '../../workflows/util/abort';
import { loadWorkflowFile, WorkflowFileError } from '../../workflows/workflow-loader';
import { logLevelFlag, parseCommandArgs, parseParams } from '../args';
import type { CliContext } from '../command';
import { stdinInput } from '../stdin-input';
import { terminalHumanInput } from '../terminal-human-input';
import { EXIT, UsageError } from '../usage-error';
import { formatOutputs, WorkflowPrinter } from '../../workflows/workflow-printer';

const usage = `usage: llmspell run <flow.workflow.yaml> [key=value ...] [--params file.json] [--json]
                    [--from NODE] [--cache | --no-cache] [--concurrency N] [--timeout S] [--cpu S] [--memory MB]
                    [--max-cost USD] [--provider P] [--model M] [--verbose | --quiet | --log-level L]`;

/** True when a graph (or an inline body in it) runs engine processes, so a warm one is worth keeping. */
function usesEngines(graph: CompiledGraph): boolean {
  return graph.nodes.some((n) => n.spec.type === 'script' || n.spec.type === 'spell' || [...n.bodies.values()].some((b) => typeof b !== 'string' && usesEngines(b)));
}

/** Runs the workflow file named in `args`; returns the exit code. */
export async function runWorkflowCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      json: { type: 'boolean' },
      from: { type: 'string' },
      cache: { type: 'boolean' },
      'no-cache': { type: 'boolean' },
      concurrency: { type: 'string' },
      params: { type: 'string' },
      timeout: { type: 'string' },
      memory: { type: 'string' },
      cpu: { type: 'string' },
      'max-cost': { type: 'string' },
      provider: { type: 'string' },
      model: { type: 'string' },
    },
    usage,
  );
  const [target, ...pairs] = positionals;
  if (!target) throw new UsageError('which workflow?', usage);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) throw new UsageError(`--concurrency must be a positive whole number, got ${values.concurrency}`, usage);
  const prestarted = ctx.prestarted?.splice(0) ?? [];
  const input = ctx.stdin ? stdinInput(ctx.stdin) : undefined;
  let supervisor: Supervisor | undefined;
  let budget: RunBudget | undefined;
  let mcp: McpHub | undefined;
  try {
    const loaded = loadConfig({
      cwd: ctx.cwd,
      env: ctx.env,
      flags: { timeout: values.timeout, cpu: values.cpu, maxCost: values['max-cost'], memory: values.memory, provider: values.provider, model: values.model, logLevel: logLevelFlag(values) },
    });
    const { config } = loaded;
    for (const line of loaded.ignored ?? []) ctx.stderr.write(`${line}\n`);
    const workflow = loadWorkflowFile(path.resolve(ctx.cwd, target), nodeTypes, target);
    const given = { ...(values.params ? readParamsFile(values.params, ctx.cwd) : {}), ...parseParams(pairs, usage) };
    const engines = usesEngines(workflow.graph);
    supervisor = new Supervisor({ poolSize: engines ? 1 : 0, refillPool: engines, prestarted });
    const home = llmspellHome(ctx.env);
    mcp = await openMcpHub(config, ctx);
    const services = createRunServices(loaded, {
      home,
      notice: (text) => ctx.stderr.write(`${text}\n`),
      storageOwner: { file: workflow.file }, // the workflow's own storage, by its path
      ...(input ? { input } : {}),
      ...(mcp ? { mcp } : {}),
    });
    const printer = new WorkflowPrinter({ stdout: ctx.stdout, stderr: ctx.stderr, json: values.json ?? false, level: config.log_level as LogLevel });
    // One budget for the whole workflow: its engine runs share the time limit and the memory cap.
    const { limits } = config;
    budget = RunBudget.root(
      supervisor,
      { timeoutMs: Math.round(limits.timeout * 1000), memoryBytes: Math.round(limits.memory * 2 ** 20), ...(limits.cpu !== undefined ? { cpuMs: Math.round(limits.cpu * 1000) } : {}), maxDepth: limits.max_depth, maxProcesses: limits.max_processes },
      workflow.display,
      services.cost,
    );
    const controller = new AbortController();
    const stop = () => controller.abort(new WorkflowAbort('interrupted'));
    // the cost cap ends the whole workflow, as the time limit does (a failed LLM node alone may be caught by an edge)
    services.cost.onOver((message) => controller.abort(new WorkflowAbort(message, 'cost_limit')));
    const onEvent = (event: WorkflowEvent) => {
      if (event.type !== 'run-finished') return printer.onEvent(event);
      const cost = costSummary(services.cost.report());
      printer.onEvent({ ...event, cost });
      if (config.log_level === 'debug') ctx.stderr.write(`${costLine(workflow.display, cost)}\n`);
    };
    process.once('SIGINT', stop);
    const outcome = await runWorkflow(workflow, {
      inputs: given,
      registry: nodeTypes,
      signal: controller.signal,
      onEvent,
      ...(concurrency ? { concurrency } : {}),
      ...(values.from ? { from: values.from } : {}),
      useCache: values.cache ?? false,
      host: {
        llm: services.services.llm as WorkflowLlm,
        bridges: services.bridges,
        services: services.services,
        budget,
        logLevel: config.log_level as LogLevel,
        ...(input ? { human: terminalHumanInput(input, ctx.stderr) } : {}),
        ...(values['no-cache'] ? {} : { cache: new NodeCache(path.join(home, 'cache', 'workflows')) }),
      },
    }).finally(() => process.off('SIGINT', stop));
    if (outcome.ok && !values.json) ctx.stdout.write(formatOutputs(outcome.outputs));
    return outcome.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`, usage);
    if (error instanceof WorkflowFileError) throw new UsageError(`invalid workflow (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n${error.message}`);
    if (error instanceof ParamsError) throw new UsageError(`invalid inputs:\n${error.message}`, usage);
    if (error instanceof UnknownNodeError) throw new UsageError(error.message, usage);
    throw error;
  } finally {
    input?.close();
    budget?.close();
    await Promise.all([supervisor?.close(), mcp?.close()]);
    for (const engine of prestarted) engine.kill('SIGKILL');
  }
}
