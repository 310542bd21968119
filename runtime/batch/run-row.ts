/**
 * Runs one row: a normal sandboxed run of the spell (or workflow) with the row's parameters, under
 * its manifest's permissions and limits, through the same services `llmspell run` uses. Never
 * throws for a failing run: the outcome says what happened.
 */
import type { BatchRowError } from '../contract/batch';
import type { LogLevel } from '../contract/engine-protocol';
import type { TokenCount } from '../contract/workflow-events';
import type { LoadedConfig } from '../config';
import { RunBudget } from '../host/run-budget';
import type { Supervisor } from '../host/supervisor';
import type { LlmUsageReport } from '../llm';
import { createRunServices } from '../services/run-services';
import { runSpell } from '../services/run-spell';
import type { WorkflowLlm } from '../workflows/host';
import { nodeTypes } from '../workflows/registry';
import { runWorkflow } from '../workflows/executor/run-workflow';
import { WorkflowAbort } from '../workflows/util/abort';
import type { BatchTarget } from './batch-target';

/** What one row's run produced. */
export interface RowOutcome {
  ok: boolean;
  output: string;
  result?: unknown;
  error?: BatchRowError;
  tokens?: TokenCount;
  /** What the row's LLM calls cost at the configured prices (US dollars), when it made any. */
  cost?: number;
  durationMs: number;
}

/** The host side every row's run shares. */
export interface RowEnvironment {
  loaded: LoadedConfig;
  /** `$LLMSPELL_HOME`. */
  home: string;
  supervisor: Supervisor;
  /** The batch's shared LLM rate limit. */
  llmGate?: (provider: string) => Promise<void>;
  /** A notice for the user (the mock-provider fallback), shown once by the caller. */
  notice?: (text: string) => void;
}

/** Runs `target` once with `params`; aborting `signal` stops the run (its outcome is then `stopped`). */
export async function runRow(target: BatchTarget, params: Record<string, unknown>, env: RowEnvironment, signal?: AbortSignal): Promise<RowOutcome> {
  return target.kind === 'spell' ? runSpellRow(target, params, env, signal) : runWorkflowRow(target, params, env, signal);
}

async function runSpellRow(target: Extract<BatchTarget, { kind: 'spell' }>, params: Record<string, unknown>, env: RowEnvironment, signal?: AbortSignal): Promise<RowOutcome> {
  let output = '';
  let stop: ((reason?: string) => void) | undefined;
  const onAbort = () => stop?.('interrupted');
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { outcome, usage, cost } = await runSpell({
      spell: target.spell,
      params,
      loaded: env.loaded,
      home: env.home,
      supervisor: env.supervisor,
      ...(env.llmGate ? { llmGate: env.llmGate } : {}),
      ...(env.notice ? { notice: env.notice } : {}),
      onEvent: (event) => {
        if (event.type === 'output' && event.stream === 'stdout') output += event.text;
      },
      onStart: (fn) => {
        stop = fn;
        if (signal?.aborted) fn('interrupted');
      },
    });
    const tokens = tokensOf(usage as LlmUsageReport | undefined);
    return {
      ok: outcome.ok,
      output,
      ...(outcome.result !== undefined ? { result: outcome.result } : {}),
      ...(outcome.error ? { error: { code: outcome.error.code, message: outcome.error.message } } : {}),
      ...(tokens ? { tokens } : {}),
      ...(Object.keys(cost.models).length > 0 ? { cost: roundUsd(cost.total) } : {}),
      durationMs: Math.round(outcome.durationMs),
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function runWorkflowRow(target: Extract<BatchTarget, { kind: 'workflow' }>, params: Record<string, unknown>, env: RowEnvironment, signal?: AbortSignal): Promise<RowOutcome> {
  const { config } = env.loaded;
  const services = createRunServices(env.loaded, {
    home: env.home,
    notice: env.notice ?? (() => {}),
    storageOwner: { file: target.workflow.file }, // the workflow's own storage, as in `llmspell run`
    ...(env.llmGate ? { llmGate: env.llmGate } : {}),
  });
  const { limits } = config;
  // One budget per row, as `llmspell run flow.workflow.yaml` has: its engine runs share the limits.
  const budget = RunBudget.root(
    env.supervisor,
    { timeoutMs: Math.round(limits.timeout * 1000), memoryBytes: Math.round(limits.memory * 2 ** 20), ...(limits.cpu !== undefined ? { cpuMs: Math.round(limits.cpu * 1000) } : {}), maxDepth: limits.max_depth, maxProcesses: limits.max_processes },
    target.workflow.display,
    services.cost,
  );
  const controller = new AbortController();
  const onAbort = () => controller.abort(new WorkflowAbort('interrupted'));
  // a row's cost cap (limits.cost) ends its workflow, as in `llmspell run`
  services.cost.onOver((message) => controller.abort(new WorkflowAbort(message, 'cost_limit')));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const outcome = await runWorkflow(target.workflow, {
      inputs: params,
      registry: nodeTypes,
      signal: controller.signal,
      host: { llm: services.services.llm as WorkflowLlm, bridges: services.bridges, services: services.services, budget, logLevel: config.log_level as LogLevel },
    });
    const tokens = outcome.tokens.total > 0 ? outcome.tokens : undefined;
    return {
      ok: outcome.ok,
      output: '',
      result: outcome.outputs,
      ...(outcome.error ? { error: { code: outcome.error.code, message: outcome.error.message } } : {}),
      ...(tokens ? { tokens } : {}),
      ...(Object.keys(services.cost.report().models).length > 0 ? { cost: roundUsd(services.cost.total) } : {}),
      durationMs: Math.round(outcome.durationMs),
    };
  } catch (error) {
    return { ok: false, output: '', error: { code: 'bad_row', message: (error as Error).message }, durationMs: 0 };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    budget.close();
  }
}

function tokensOf(usage: LlmUsageReport | undefined): TokenCount | undefined {
  if (!usage) return undefined;
  const { promptTokens, completionTokens, totalTokens } = usage.totals;
  return { prompt: promptTokens, completion: completionTokens, total: totalTokens };
}

/** Dollars to a millionth: float sums must not show as 0.30000000000000004 in a results file. */
function roundUsd(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
