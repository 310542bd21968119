import { ConfigError, llmspellHome, loadConfig } from '../../config';
import type { LogLevel } from '../../contract/engine-protocol';
import { Supervisor } from '../../host/supervisor';
import { ManifestError } from '../../spells/manifest-problems';
import { ParamsError } from '../../spells/parameters';
import { prepareRun } from '../../spells/prepare-run';
import { SpellNotFound } from '../../spells/resolve-spell';
import { logLevelFlag, parseCommandArgs } from '../args';
import { openLibrary } from '../open-library';
import type { Command } from '../command';
import { RunPrinter } from '../run-printer';
import { hasStdin, stdinInput } from '../stdin-input';
import { EXIT, UsageError } from '../usage-error';
import { isWorkflowPath } from '../../contract/workflow-path';
import type { Cassette } from '../../llm/cassette/cassette';
import type { McpHub } from '../../mcp/mcp-hub';
import { checkRunConsent } from '../run-consent';
import { costLine } from '../cost-line';

const usage = `usage: llmspell run <file.lua | spell-dir | name> [key=value ...] [--params file.json]
                    [--timeout S] [--cpu S] [--memory MB] [--max-cost USD] [--provider P] [--model M]
                    [--record cassette.json | --replay cassette.json] [--ignore-deps]
                    [--storage-name NAME] [--grant] [--json] [--verbose | --quiet | --log-level L]`;

// What a one-line spell does not need loads on demand (workflows, semver, MCP, cassettes): a cold
// `llmspell run` is as fast as the code it reads.
async function openCassette(file: string): Promise<Cassette> {
  const { Cassette } = await import('../../llm/cassette/cassette');
  try {
    return Cassette.replay(file);
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a spell (a .lua file, a spell folder, or a name in the library)',
  usage,
  async run(args, ctx) {
    if (args.some((arg) => !arg.includes('=') && isWorkflowPath(arg))) return (await import('./run-workflow')).runWorkflowCommand(args, ctx);
    const { values, positionals } = parseCommandArgs(
      args,
      {
        timeout: { type: 'string' },
        memory: { type: 'string' },
        cpu: { type: 'string' },
        'max-cost': { type: 'string' },
        provider: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean' },
        params: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
        'storage-name': { type: 'string' },
        'ignore-deps': { type: 'boolean' },
        grant: { type: 'boolean' },
      },
      usage,
    );
    const [target, ...pairs] = positionals;
    if (!target) throw new UsageError('which spell? give a .lua file, a spell folder or a spell name', usage);
    if (values.record && values.replay) throw new UsageError('--record and --replay cannot be used together', usage);
    const storageName = values['storage-name'];
    if (storageName !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(storageName)) {
      throw new UsageError(`--storage-name: expected a kebab-case name like "my-notes", got '${storageName}'`, usage);
    }

    // Boot the engine process first: it starts while we read config and the spell.
    const prestarted = ctx.prestarted?.splice(0) ?? [];
    // (the stream itself is made only if the spell reads)
    const input = hasStdin(ctx) ? stdinInput(() => ctx.stdin!) : undefined;
    const supervisor = new Supervisor({ poolSize: 1, refillPool: false, prestarted });
    let mcp: McpHub | undefined;
    try {
      const loaded = loadConfig({
        cwd: ctx.cwd,
        env: ctx.env,
        flags: {
          timeout: values.timeout,
          memory: values.memory,
          cpu: values.cpu,
          maxCost: values['max-cost'],
          provider: values.provider,
          model: values.model,
          logLevel: logLevelFlag(values),
        },
      });
      const { config } = loaded;
      // The spell, its manifest and every parameter are checked here, before the run is handed to an engine.
      const { spell, params } = prepareRun(target, { pairs, paramsFile: values.params, cwd: ctx.cwd, library: () => openLibrary(ctx, config) });
      // Dependencies are resolved before the run: a missing or out-of-range one stops it (unless --ignore-deps).
      const dependencies = spell.manifest?.dependencies ?? [];
      if (dependencies.length > 0 && !values['ignore-deps']) {
        const { checkDependencies, describeDependencies } = await import('../../spells/dependencies');
        const unmet = checkDependencies(dependencies, openLibrary(ctx, config)).filter((d) => !d.ok);
        if (unmet.length > 0) {
          throw new UsageError(
            `${spell.name} needs spells the library does not have:\n${describeDependencies(unmet).map((l) => `  ${l}`).join('\n')}`,
            'install them, or run anyway with --ignore-deps',
          );
        }
      }
      // An installed spell whose approval was revoked, or that asks for more than was approved, asks first.
      const isTty = (stream: unknown) => (stream as { isTTY?: boolean } | undefined)?.isTTY === true;
      const approved = await checkRunConsent({
        dir: spell.dir,
        home: llmspellHome(ctx.env),
        grant: values.grant ?? false,
        // (stderr first: when it is not a terminal, stdin is never made)
        ...(input && isTty(ctx.stderr) && isTty(ctx.stdin) ? { ask: { input, stderr: ctx.stderr } } : {}),
      });
      if (approved) ctx.stderr.write(`${approved}\n`);
      const printer = new RunPrinter({
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        spellName: spell.name,
        logLevel: config.log_level as LogLevel,
        json: values.json ?? false,
      });
      mcp = Object.keys(config.mcp.servers).length > 0 ? await (await import('../mcp-hub')).openMcpHub(config, ctx) : undefined;
      const cassette = values.replay
        ? await openCassette(values.replay)
        : values.record
          ? (await import('../../llm/cassette/cassette')).Cassette.record(values.record)
          : undefined;
      let stop: ((reason?: string) => void) | undefined;
      const stopOnSignal = () => stop?.('interrupted');
      process.once('SIGINT', stopOnSignal);
      const [{ runSpell }, { costSummary }] = await Promise.all([import('../../services/run-spell'), import('../../services/run-services')]);
      const { outcome, usage: usageReport, cost } = await runSpell({
        spell,
        params,
        loaded,
        home: llmspellHome(ctx.env),
        supervisor,
        onEvent: printer.onEvent,
        notice: (text) => ctx.stderr.write(`${text}\n`),
        ...(input ? { input } : {}),
        ...(cassette ? { cassette } : {}),
        ...(mcp ? { mcp } : {}),
        onStart: (fn) => (stop = fn),
        ...(storageName ? { storageName } : {}),
        library: () => openLibrary(ctx, config),
      }).finally(() => process.off('SIGINT', stopOnSignal));
      if (config.log_level === 'debug') {
        const start = outcome.startLatencyMs === undefined ? '' : `first instruction after ${Math.round(outcome.startLatencyMs)} ms, `;
        ctx.stderr.write(`[debug] ${spell.name}: ${start}finished in ${Math.round(outcome.durationMs)} ms${usageReport ? `, usage ${JSON.stringify((usageReport as { totals?: unknown }).totals)}` : ''}\n`);
      }
      if (config.log_level === 'debug') ctx.stderr.write(`${costLine(spell.name, cost)}\n`);
      if (values.json) {
        const report = {
          ok: outcome.ok,
          output: printer.output,
          error: outcome.error ?? null,
          ...(outcome.result !== undefined ? { result: outcome.result } : {}),
          durationMs: Math.round(outcome.durationMs),
          ...(usageReport ? { usage: usageReport } : {}),
          cost: costSummary(cost),
        };
        ctx.stdout.write(`${JSON.stringify(report)}\n`);
      } else if (!outcome.ok) {
        ctx.stderr.write(`error: ${outcome.error?.message ?? 'the spell failed'}\n`);
      } else {
        printer.printResult(outcome.result);
      }
      return outcome.ok ? EXIT.ok : EXIT.failed;
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`, usage);
      if (error instanceof SpellNotFound) throw new UsageError(error.message, usage);
      if (error instanceof ManifestError) throw new UsageError(`invalid manifest:\n${error.message}`);
      if (error instanceof ParamsError) throw new UsageError(`invalid parameters:\n${error.message}`, 'see the spell\'s parameters with: llmspell info <spell>');
      throw error;
    } finally {
      input?.close();
      await Promise.all([supervisor.close(), mcp?.close()]);
    }
  },
};
