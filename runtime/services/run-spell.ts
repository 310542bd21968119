import type { LoadedConfig } from '../config';
import type { LogLevel } from '../contract/engine-protocol';
import type { RunEvent, RunOutcome } from '../contract/run-events';
import { RunBudget } from '../host/run-budget';
import type { RunController } from '../host/run-controller';
import type { Supervisor } from '../host/supervisor';
import type { RunInput } from '../bridges/io';
import type { BridgeHandlers } from '../bridges/types';
import type { Cassette } from '../llm/cassette/cassette';
import { askedLimits } from '../spells/manifest-limits';
import type { ResolvedSpell } from '../spells/resolve-spell';
import type { McpHub } from '../mcp/mcp-hub';
import { tengoModuleHandlers } from '../spells/tengo-modules';
import { randomUUID } from 'node:crypto';
import { createRunServices } from './run-services';
import type { CostReport, RunCost } from '../llm/run-cost';
import { spellRunHandlers } from './spell-run-bridge';
import type { SpellLibrary } from '../spells/library/spell-library';
import type { SpellPermissions } from '../contract/spell-permissions';
import { guardBridges } from '../security/permission-guard';

interface RunSpellBase {
  /** The run's id, when the caller needs it before the first event (the studio); random otherwise. */
  runId?: string;
  spell: ResolvedSpell;
  params: Record<string, unknown>;
  loaded: LoadedConfig;
  /** `$LLMSPELL_HOME`. */
  home: string;
  onEvent?: (event: RunEvent) => void;
  notice?: (text: string) => void;
  input?: RunInput;
  cassette?: Cassette;
  /** Awaited before every LLM call with the provider's name (a batch's shared rate limit). */
  llmGate?: (provider: string) => Promise<void>;
  /** `test` runs a spell test (assertion library and run_spell in its globals). */
  mode?: 'run' | 'test';
  /** The host's MCP servers, shared by every run of this process. */
  mcp?: McpHub;
  /**
   * The storage namespace of a bare file or folder by name instead of by its path (`--storage-name`):
   * the same name in two places shares one folder. Ignored for a spell with a manifest (its name rules).
   */
  storageName?: string;
  /** Bridge handlers beyond the standard ones (spell tests add `test.run_spell`). */
  extraBridges?: BridgeHandlers;
  /** The spell library `spell.run(name, params)` finds spells in; without it `spell.run` is refused. */
  library?: () => SpellLibrary;
  /** A nested run's caller's declared permissions: the nested run never gets more. */
  inherited?: { spellName: string; granted: SpellPermissions };
  /**
   * Called with the controller once the run started (to wire Ctrl+C or a Stop button); `graceMs` is
   * how long a polite stop waits before the kill (default KILL_GRACE_MS).
   */
  onStart?: (stop: (reason?: string, graceMs?: number) => void) => void;
}

/**
 * A top-level run names the supervisor its engine processes come from; a run started by another run
 * names its caller's budget instead, and shares it (time, memory, processes, nesting depth).
 */
export type RunSpellOptions = RunSpellBase & ({ supervisor: Supervisor; parent?: undefined } | { parent: RunBudget; supervisor?: undefined });

export interface RunSpellResult {
  outcome: RunOutcome;
  /** Token usage, when the run called an LLM. */
  usage: unknown;
  /** What the run's LLM calls cost, with those of the runs nested in it (the whole tree's for a nested run). */
  cost: CostReport;
}

/**
 * Runs one prepared spell with the capabilities its configuration grants, the one path shared by
 * `llmspell run`, `llmspell test` and the studio. A replayed cassette that lacked an answer fails
 * the run even if the spell ignored the error; a recording is saved when the run ends.
 */
export async function runSpell(options: RunSpellOptions): Promise<RunSpellResult> {
  const { config } = options.loaded;
  // Only a declared `permissions` section narrows the configured policy (a manifest without one runs like a bare file).
  const manifest = options.spell.manifest;
  const own = manifest?.permissionsDeclared ? { spellName: options.spell.name, granted: manifest.permissions } : undefined;
  // A nested run is held to its caller's permissions first, then to its own.
  const primary = options.inherited ?? own;
  const runId = options.runId ?? randomUUID();
  const effective = options.parent ? undefined : effectiveLimits(options);
  const services = createRunServices(options.loaded, {
    // a nested run spends its caller's cost budget
    ...(options.parent?.cost ? { cost: options.parent.cost } : {}),
    ...(effective?.costUsd !== undefined ? { costLimit: effective.costUsd } : {}),
    onLlmCall: (call) => options.onEvent?.({ type: 'llm', runId, ...call }),
    home: options.home,
    notice: options.notice ?? (() => {}),
    ...(options.input ? { input: options.input } : {}),
    ...(options.cassette ? { cassette: options.cassette } : {}),
    ...(options.mcp ? { mcp: options.mcp } : {}),
    ...(options.llmGate ? { llmGate: options.llmGate } : {}),
    ...(primary ? { permissions: primary } : {}),
    // its own storage: by the manifest's name, or by path for a bare file or folder
    storageOwner: options.spell.manifest
      ? { name: options.spell.name }
      : options.storageName
        ? { name: options.storageName }
        : { file: options.spell.dir ?? options.spell.entryPath },
  });
  if (options.inherited && own) services.bridges = guardBridges(services.bridges, own.granted, own.spellName);
  // what an untrusted project folder tried to widen, said once per top-level run
  if (!options.parent) for (const line of options.loaded.ignored ?? []) options.notice?.(line);
  const label = options.spell.source.fileName;
  const budget = options.parent ? options.parent.enter(label) : rootBudget(options.supervisor, options, label, effective!, services.cost);
  const library = options.library;
  const spellRun = library
    ? spellRunHandlers(library, async (spell, params) => {
        let output = '';
        const { outcome } = await runSpell({
          spell,
          params,
          loaded: options.loaded,
          home: options.home,
          parent: budget,
          library,
          ...(primary ? { inherited: primary } : {}),
          ...(options.mcp ? { mcp: options.mcp } : {}),
          ...(options.llmGate ? { llmGate: options.llmGate } : {}),
          ...(options.cassette ? { cassette: options.cassette } : {}),
          onEvent: (event) => {
            if (event.type === 'output' && event.stream === 'stdout') output += event.text;
            else if (event.type === 'log' || event.type === 'llm' || (event.type === 'output' && event.stream === 'stderr')) options.onEvent?.(event);
          },
        });
        return { outcome, output };
      })
    : {};
  const spec = {
    runId,
    spell: options.spell.source,
    spellName: options.spell.name,
    params: options.params,
    // A nested run gets what its caller has left, lowered by its manifest's own limits.
    ...(options.parent ? { limits: askedLimits(options.spell.manifest) } : {}),
    logLevel: config.log_level as LogLevel,
    mode: options.mode ?? 'run',
  };
  const hooks = {
    bridges: { ...services.bridges, ...tengoModuleHandlers(options.spell, options.mode), ...spellRun, ...options.extraBridges },
    services: services.services,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  let controller: RunController;
  try {
    controller = budget.run(spec, hooks);
  } catch (error) {
    if (!options.parent) budget.close();
    throw error;
  }
  options.onStart?.((reason, graceMs) => controller.stop(reason, undefined, graceMs));
  // The top-level run's end ends everything nested in it.
  let outcome = await controller.done.finally(() => {
    if (!options.parent) budget.close();
  });
  const cassette = options.cassette;
  if (cassette?.mode === 'record' && cassette.saveOnEnd) await cassette.save();
  if (cassette?.mode === 'replay' && cassette.misses.length > 0 && outcome.ok) {
    const message = `cassette ${cassette.file} had no recorded answer for ${cassette.misses.length} request(s): ${cassette.misses.join('; ')}`;
    outcome = { ...outcome, ok: false, error: { code: 'cassette_miss', message } };
  }
  return { outcome, usage: services.usage(), cost: services.cost.report() };
}

/** The budget of a top-level run: its effective limits, and the configured nesting caps. */
function rootBudget(supervisor: Supervisor, options: RunSpellBase, label: string, effective: EffectiveLimits, cost: RunCost): RunBudget {
  const { limits } = options.loaded.config;
  for (const line of effective.refused) options.notice?.(line);
  const { refused: _refused, costUsd: _cost, ...granted } = effective;
  return RunBudget.root(supervisor, { ...granted, maxDepth: limits.max_depth, maxProcesses: limits.max_processes }, label, cost);
}

/** A run's limits, and a line for each manifest request above the user's limit that was not granted. */
export interface EffectiveLimits {
  timeoutMs: number;
  memoryBytes: number;
  /** CPU time of the run tree (`limits.cpu`, lowered by the manifest); absent: no CPU limit. */
  cpuMs?: number;
  /** The manifest's opt-in instruction budget (Lua keeps a count hook only then). */
  instructions?: number;
  /** The LLM cost cap in US dollars (`limits.cost`, `--max-cost`, lowered by the manifest); absent: none. */
  costUsd?: number;
  refused: string[];
}

/**
 * The run's limits. The user's configuration is a ceiling: a spell's manifest may lower it, never
 * raise it (a downloaded spell must not grant itself a day of CPU). A limit given on the command line
 * is the user's own choice for this run and wins, above or below what the manifest asks.
 */
export function effectiveLimits(options: Pick<RunSpellBase, 'loaded' | 'spell'>): EffectiveLimits {
  const { config, origins } = options.loaded;
  const asked = options.spell.manifest?.limits ?? {};
  const refused: string[] = [];
  const pick = <K extends 'timeout' | 'memory' | 'cpu' | 'cost'>(key: K, unit: string, flag: string): (typeof config.limits)[K] => {
    const mine = config.limits[key];
    if (origins[`limits.${key}`]?.startsWith('flag')) return mine;
    const wanted = asked[key];
    if (wanted === undefined) return mine;
    // No CPU or cost limit of the user's own: the manifest's is only a lowering.
    if (mine !== undefined && wanted > mine) {
      const show = (v: number) => (unit === 'USD' ? `$${v}` : `${v} ${unit}`);
      refused.push(`${options.spell.name} asks for limits.${key} ${show(wanted)}, above your limit of ${show(mine)}; running with ${show(mine)} (pass ${flag} ${wanted} to allow it)`);
      return mine;
    }
    return wanted;
  };
  const cpu = pick('cpu', 's', '--cpu');
  const cost = pick('cost', 'USD', '--max-cost');
  return {
    timeoutMs: Math.round(pick('timeout', 's', '--timeout') * 1000),
    memoryBytes: Math.round(pick('memory', 'MB', '--memory') * 2 ** 20),
    ...(cpu !== undefined ? { cpuMs: Math.round(cpu * 1000) } : {}),
    ...(asked.instructions !== undefined ? { instructions: asked.instructions } : {}),
    ...(cost !== undefined ? { costUsd: cost } : {}),
    refused,
  };
}
