import { randomUUID } from 'node:crypto';
import type { LogLevel } from '../contract/engine-protocol';
import type { RunEvent } from '../contract/run-events';
import type { RunController } from '../host/run-controller';
import type { Supervisor } from '../host/supervisor';
import { createRunServices } from '../services/run-services';
import { LineInput } from '../services/line-input';
import { ManifestError } from '../spells/manifest-problems';
import { ParamsError, resolveParams } from '../spells/parameters';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from '../spells/resolve-spell';
import type { RunHistory } from './run-history';
import type { SettingsService } from './settings-service';
import type { StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

/** What running spells needs. */
export interface RunsDeps {
  library: StudioLibrary;
  settings: SettingsService;
  history: RunHistory;
  supervisor: Supervisor;
  events: StudioEvents;
  home: string;
  cwd: string;
}

/** Grace between the polite stop and SIGKILL when the user presses Stop: long enough for a waiting VM to answer. */
export const STOP_GRACE_MS = 100;
const MAX_INPUT_LINE = 64 * 1024;

/** The runs and input queues of this studio, and how to end them all. */
export interface RunsService {
  handlers: HandlersFor<'runs.start' | 'runs.stop' | 'runs.input' | 'runs.history' | 'runs.get'>;
  /** Stops every run and waits until they ended and their history is on disk. */
  close(): Promise<void>;
}

/**
 * Starting, feeding and stopping runs. A run's spell and params are checked exactly as `llmspell run`
 * checks them (resolveSpell + resolveParams against the manifest), it runs with the configuration plus
 * the studio's saved settings, each event goes to the history and to every connected window, and
 * `io.read` reads the lines `runs.input` sends.
 */
export function runsService(deps: RunsDeps): RunsService {
  const active = new Map<string, { controller: RunController; input: LineInput }>();

  const prepare = (spellPath: string, given: Record<string, unknown>): { spellPath: string; spell: ResolvedSpell; params: Record<string, unknown> } => {
    const entry = deps.library.locate(spellPath);
    let spell: ResolvedSpell;
    try {
      spell = resolveSpell(entry.path, deps.cwd);
    } catch (error) {
      if (error instanceof ManifestError) throw new StudioError(`invalid manifest:\n${error.message}`, 'bad_manifest');
      if (error instanceof SpellNotFound) throw new StudioError(error.message, 'not_found');
      throw error;
    }
    if (spell.engine !== 'lua') throw new StudioError(`${spell.name} is a ${spell.engine} spell; only Lua spells can run yet`, 'unsupported');
    try {
      return { spellPath: entry.path, spell, params: resolveParams(spell.manifest?.parameters, { file: given }) };
    } catch (error) {
      if (error instanceof ParamsError) throw badInput('params', error.problems.join('; '));
      throw error;
    }
  };

  const start = (spellPath: string, given: Record<string, unknown>): { runId: string } => {
    const prepared = prepare(spellPath, given);
    const { spell, params } = prepared;
    const loaded = deps.settings.runConfig();
    const { config } = loaded;
    const runId = randomUUID();
    const input = new LineInput();
    const recorder = deps.history.begin({ runId, spellPath: prepared.spellPath, spellName: spell.name, params, startedAt: Date.now(), status: 'running', output: '' });
    const onEvent = (event: RunEvent) => {
      recorder.add(event);
      deps.events.emit('run', event);
    };
    const services = createRunServices(loaded, {
      home: deps.home,
      notice: (message) => onEvent({ type: 'log', runId, level: 'warn', message, fields: {} }),
      input,
    });
    const controller = deps.supervisor.run(
      {
        runId,
        spell: spell.source,
        spellName: spell.name,
        params,
        limits: { timeoutMs: Math.round(config.limits.timeout * 1000), memoryBytes: Math.round(config.limits.memory * 2 ** 20) },
        logLevel: config.log_level as LogLevel,
      },
      { bridges: services.bridges, services: services.services, onEvent },
    );
    active.set(runId, { controller, input });
    void controller.done.then(async (outcome) => {
      input.end();
      active.delete(runId);
      const usage = services.usage() as { totals?: { totalTokens?: number } } | undefined;
      await deps.history.end(recorder, outcome, usage?.totals?.totalTokens);
    });
    return { runId };
  };

  return {
    handlers: {
      'runs.start': ({ path, params }) => start(path, params),
      'runs.stop': async ({ runId }) => {
        const run = active.get(runId);
        if (run) run.controller.stop('stopped by the user', 'stopped', STOP_GRACE_MS);
        // Stopping a run that already ended is no error: the user's intent is met.
        else await deps.history.get(runId);
        return { ok: true as const };
      },
      'runs.input': ({ runId, line }) => {
        if (line.length > MAX_INPUT_LINE) throw badInput('line', `longer than ${MAX_INPUT_LINE} characters`);
        const run = active.get(runId);
        if (!run) throw new StudioError(`runId: run ${runId} is not running; the line was not sent`, 'not_running');
        run.input.pushLine(line);
        return { ok: true as const };
      },
      'runs.history': (query) => deps.history.list(query),
      'runs.get': ({ runId }) => deps.history.get(runId),
    },
    async close() {
      const running = [...active.values()];
      for (const run of running) run.controller.stop('the studio is closing', 'stopped', STOP_GRACE_MS);
      await Promise.all(running.map((run) => run.controller.done));
      await deps.history.flush();
    },
  };
}
