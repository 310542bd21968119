import type { LoadedConfig } from '../config';
import type { BridgeHandlers, RunServices } from '../bridges/types';
import { ioHandlers, type RunInput } from '../bridges/io';
import { createStdlibServices } from '../bridges/stdlib-run-services';
import { WORKFLOWS, workflowHandlers } from '../bridges/workflow';
import { createLlmService, MOCK_FALLBACK_NOTICE, MOCK_PROVIDER } from '../llm';
import type { Cassette } from '../llm/cassette/cassette';
import { LlmBudget } from '../llm/llm-budget';
import { RunCost, type CostReport } from '../llm/run-cost';
import type { LlmCallRecord } from '../llm/llm-service';
import type { SpellPermissions } from '../contract/spell-permissions';
import { guardBridges } from '../security/permission-guard';
import { McpAccess, MCP_SERVICE } from '../mcp/mcp-access';
import type { McpHub } from '../mcp/mcp-hub';
import type { StorageOwner } from '../security/spell-storage';
import type { WorkflowFiles } from '../bridges/workflow';
import { lazyBridge } from './lazy-bridges';

/** The capabilities one run gets, built from the effective configuration. */
export interface RunCapabilities {
  bridges: BridgeHandlers;
  services: RunServices;
  /** Token usage of the run so far, or undefined when it made no LLM call. */
  usage(): unknown;
  /** The run tree's LLM cost and cap (shared with the runs nested in it). */
  cost: RunCost;
}

export interface RunServiceOptions {
  /** `$LLMSPELL_HOME`: the storage jail lives in its `storage` folder. */
  home: string;
  /** Prints a one-time notice for the user (stderr in the CLI). */
  notice: (text: string) => void;
  /** Lines for `io.read` (stdin in the CLI, the input box in the studio). */
  input?: RunInput;
  /** Records or replays the run's LLM exchanges. */
  cassette?: Cassette;
  /** A manifest's permissions: the run gets no more (absent: what the configuration allows). */
  permissions?: { spellName: string; granted: SpellPermissions };
  /** The host's MCP servers (shared by every run of the process); absent: none. */
  mcp?: McpHub;
  /** Awaited before every LLM call with the provider's name (a batch's shared rate limit). */
  llmGate?: (provider: string) => Promise<void>;
  /** The caller's cost (a nested run shares it); absent: a new one at the configured prices and cap. */
  cost?: RunCost;
  /** The run's cost cap in US dollars when it differs from `limits.cost` (a manifest lowered it). */
  costLimit?: number;
  /** Told about every LLM request of the run once it ended (the trace). */
  onLlmCall?: (call: LlmCallRecord) => void;
  /** Whose storage namespace the run uses: a spell by its manifest's name, else a file by its path. */
  storageOwner: StorageOwner;
}

/**
 * Builds the bridges and services of one run from the configuration. Keys live here, in the host;
 * the engine process only ever sees answers.
 */
export function createRunServices(loaded: LoadedConfig, options: RunServiceOptions): RunCapabilities {
  const { config, origins } = loaded;
  // A provider the configuration merely defaulted to is no choice: let the service fall back to mock.
  const chosen = origins.provider && origins.provider !== 'default' ? config.provider : undefined;
  const { llm_calls: calls, tokens, llm_rate: perMinute } = config.limits;
  const perProvider = Object.fromEntries(
    Object.entries(config.providers)
      .filter(([, p]) => p.llm_calls !== undefined || p.tokens !== undefined || p.llm_rate !== undefined)
      .map(([name, p]) => [name, { calls: p.llm_calls, tokens: p.tokens, perMinute: p.llm_rate }]),
  );
  const budget =
    calls !== undefined || tokens !== undefined || perMinute !== undefined || Object.keys(perProvider).length > 0
      ? new LlmBudget({ calls, tokens, perMinute }, perProvider, Date.now, options.notice)
      : undefined;
  const cost = options.cost ?? new RunCost(config.prices, options.costLimit ?? config.limits.cost);
  const llm = createLlmService({
    settings: { providers: config.providers, provider: chosen, model: config.model, llm: config.llm },
    ...(options.cassette ? { cassette: options.cassette } : {}),
    ...(options.llmGate ? { gate: options.llmGate } : {}),
    ...(budget ? { budget } : {}),
    cost,
    ...(options.onLlmCall ? { onCall: options.onLlmCall } : {}),
  });
  let announced = false;
  const announceMock = () => {
    if (announced) return;
    announced = true;
    if (options.cassette?.mode === 'replay') return; // answers come from the cassette, not the mock
    if (llm.currentProvider().name === MOCK_PROVIDER) options.notice(llm.takeNotice() ?? MOCK_FALLBACK_NOTICE);
  };
  // The bridges' modules load on a spell's first call of each (see lazy-bridges.ts).
  const all: BridgeHandlers = { ...withBefore(lazyBridge('llm'), announceMock), ...ioHandlers, ...lazyBridge('stdlib'), ...workflowHandlers };
  const granted = options.permissions?.granted;
  return {
    bridges: granted ? guardBridges(all, granted, options.permissions!.spellName) : all,
    services: {
      llm,
      ...createStdlibServices({
        home: options.home,
        storage: config.storage,
        owner: options.storageOwner,
        ...(granted ? { sharedStorage: granted.sharedStorage } : {}),
        notice: options.notice,
        network: config.network,
        ...(granted && !granted.network.includes('*') ? { spellHosts: granted.network } : {}),
      }),
      ...(options.input ? { input: options.input } : {}),
      ...(options.mcp ? { [MCP_SERVICE]: new McpAccess(options.mcp, granted?.mcp) } : {}),
      [WORKFLOWS]: lazyWorkflowFiles,
    },
    cost,
    usage: () => {
      const report = llm.usage();
      return report.calls.length > 0 ? report : undefined;
    },
  };
}

/**
 * The `workflows` service, loading the workflow engine (its node types, tools, agents, schemas) on a
 * spell's first workflow call: most runs never make one, and a cold `llmspell run` reads less.
 */
const lazyWorkflowFiles: WorkflowFiles = {
  describe: async (...args) => (await import('./workflow-files')).workflowFiles.describe(...args),
  run: async (...args) => (await import('./workflow-files')).workflowFiles.run(...args),
};

/** The cost report of a run for `--json` and history: total and per model, rounded to a millionth of a dollar. */
export function costSummary(report: CostReport): CostReport {
  const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
  const models = Object.fromEntries(Object.entries(report.models).map(([m, line]) => [m, { ...line, cost: round(line.cost) }]));
  return { ...report, total: round(report.total), models };
}

/** The same handlers, each running `before` first. */
function withBefore(handlers: BridgeHandlers, before: () => void): BridgeHandlers {
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      (args, ctx) => {
        before();
        return handler(args, ctx);
      },
    ]),
  );
}
