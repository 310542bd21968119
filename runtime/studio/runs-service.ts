import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { RunEvent } from '../contract/run-events';
import type { RunRecord } from '../contract/studio-api';
import type { Supervisor } from '../host/supervisor';
import { LineInput } from '../services/line-input';
import { runSpell } from '../services/run-spell';
import { ManifestError } from '../spells/manifest-problems';
import { ParamsError } from '../spells/parameters';
import { prepareRun, type PreparedRun } from '../spells/prepare-run';
import { SpellNotFound } from '../spells/resolve-spell';
import type { RunHistory } from './run-history';
import type { SettingsService } from './settings-service';
import type { StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';
import { prepareWorkflow, startWorkflowRun } from './workflow-runs';
import { NodeCache } from '../workflows';
import type { McpHub } from '../mcp/mcp-hub';
import { Cassette } from '../llm/cassette/cassette';
import { OutputCoalescer } from './output-coalescer';
import { HISTORY_LIMITS } from './history-limits';

/** What running spells needs. */
export interface RunsDeps {
  library: StudioLibrary;
  settings: SettingsService;
  history: RunHistory;
  supervisor: Supervisor;
  events: StudioEvents;
  home: string;
  cwd: string;
  /** The studio's MCP servers, shared by its runs. */
  mcp?: McpHub;
  /** Refuses a run of a spell that needs an approval it does not have (`consent_required`). */
  consent?: { assert(spellPath: string): void };
}

/** Grace between the polite stop and SIGKILL when the user presses Stop: long enough for a waiting VM to answer. */
export const STOP_GRACE_MS = 100;
const MAX_INPUT_LINE = 64 * 1024;
/** Lines of io.read input kept with a run for its replay; a run given more offers no replay. */
const MAX_KEPT_INPUT = 1000;

/** The runs and input queues of this studio, and how to end them all. */
export interface RunsService {
  handlers: HandlersFor<'runs.start' | 'runs.replay' | 'runs.stop' | 'runs.input' | 'runs.answer' | 'runs.history' | 'runs.get' | 'runs.active' | 'runs.output'>;
  /** Stops every run and waits until they ended and their history is on disk. */
  close(): Promise<void>;
}

interface ActiveRun {
  stop: (reason?: string, graceMs?: number) => void;
  input?: LineInput;
  /** Keeps a line sent to io.read with the run (for its replay); false once past the cap. */
  keepInput?: (line: string) => boolean;
  answer?: (requestId: string, text: string) => boolean;
  done: Promise<unknown>;
}

/**
 * Starting, feeding and stopping runs. A spell and its params are checked by the CLI's own code
 * (prepareRun) and run through the same path (runSpell) with the configuration plus the studio's
 * saved settings; each event goes to the history and to every connected window, and `io.read`
 * reads the lines `runs.input` sends.
 */
export function runsService(deps: RunsDeps): RunsService {
  const active = new Map<string, ActiveRun>();
  // One cache for every workflow run of this studio, in the same folder `llmspell run` uses.
  const cache = new NodeCache(path.join(deps.home, 'cache', 'workflows'));

  /** A workflow file runs through the workflow engine, as `llmspell run flow.workflow.yaml` does. */
  const startWorkflow = (file: string, given: Record<string, unknown>, from: string | undefined) => {
    const workflow = prepareWorkflow(file, given, from, deps.cwd);
    return (runId: string) => {
      const loaded = deps.settings.runConfig();
      deps.mcp?.update(loaded.config.mcp.servers);
      const recorder = deps.history.begin({ runId, spellPath: file, spellName: workflow.definition.name, params: given, startedAt: Date.now(), status: 'running', output: '' });
      const run = startWorkflowRun(workflow, {
        runId,
        file,
        params: given,
        ...(from !== undefined ? { from } : {}),
        ...(deps.mcp ? { mcp: deps.mcp } : {}),
        loaded,
        home: deps.home,
        cwd: deps.cwd,
        supervisor: deps.supervisor,
        cache,
        onEvent: (event) => {
          recorder.add(event);
          deps.events.emit('run', event);
        },
      });
      const done = run.done.then(async ({ outcome, tokens, cost }) => {
        active.delete(runId);
        await deps.history.end(recorder, outcome, tokens, { cost });
      });
      active.set(runId, { stop: (reason) => run.stop(reason ?? 'stopped'), answer: run.answer, done });
      return { done };
    };
  };

  const prepare = (spellPath: string, params: Record<string, unknown>): PreparedRun => {
    const entry = deps.library.locate(spellPath);
    try {
      return prepareRun(entry.path, { cwd: deps.cwd, params });
    } catch (error) {
      if (error instanceof ParamsError) throw badInput('params', error.problems.join('; '));
      if (error instanceof ManifestError) throw new StudioError(`invalid manifest:\n${error.message}`, 'bad_manifest');
      if (error instanceof SpellNotFound) throw new StudioError(error.message, 'cannot_run');
      throw error;
    }
  };

  /** Opens a kept cassette for a replay; a missing or broken one is the caller's error, named. */
  const openReplay = (runId: string, file: string): Cassette => {
    try {
      return Cassette.replay(file);
    } catch (error) {
      throw new StudioError(`runId: the cassette of run ${runId} cannot be replayed: ${(error as Error).message}`, 'cannot_replay');
    }
  };

  /**
   * A spell run. Every run records its LLM exchanges into a cassette kept with its history (bounded
   * by `maxCassetteBytes`), so it can be replayed; a replay (`replay`) answers from the original
   * run's cassette instead and never reaches a provider.
   */
  const start = (spellPath: string, given: Record<string, unknown>, replay?: { runId: string; file: string; input: string[] }) => {
    const { spell, params } = prepare(spellPath, given);
    const replaying = replay ? openReplay(replay.runId, replay.file) : undefined;
    return (runId: string) => {
      const loaded = deps.settings.runConfig();
      deps.mcp?.update(loaded.config.mcp.servers);
      // The renderer focuses its input box while the spell waits in io.read (and after a reload too).
      const input = new LineInput((waiting) => onEvent({ type: 'input-wait', runId, waiting }));
      // A replay reads the lines the original run read, then the end of input (never a wait for a person).
      if (replay) {
        for (const line of replay.input) input.pushLine(line);
        input.end();
      }
      const record: RunRecord = { runId, spellPath: deps.library.locate(spellPath).path, spellName: spell.name, params, startedAt: Date.now(), status: 'running', output: '', ...(replay ? { replayOf: replay.runId } : {}) };
      let inputOverflow = false;
      const keepInput = (line: string) => {
        if (inputOverflow || (record.input?.length ?? 0) >= MAX_KEPT_INPUT) return !(inputOverflow = true);
        (record.input ??= []).push(line);
        return true;
      };
      const recorder = deps.history.begin(record);
      const maxBytes = deps.history.bounds.maxCassetteBytes ?? HISTORY_LIMITS.maxCassetteBytes;
      // The history saves the recording (in its write queue), not the run: the run ends without waiting for the disk.
      const cassette = replaying ?? (maxBytes > 0 ? Cassette.record(deps.history.cassetteFile(record), { maxBytes, saveOnEnd: false }) : undefined);
      // A tight print loop's output reaches the page as one event per frame, not one per IPC message;
      // the history records the same events the page is sent, so a page re-attaching sees each once.
      const coalescer = new OutputCoalescer((event) => {
        recorder.add(event);
        deps.events.emit('run', event);
      });
      const onEvent = (event: RunEvent) => coalescer.push(event);
      let stop: ActiveRun['stop'] = () => {};
      // runSpell sets the run up synchronously (onStart fires before it first awaits).
      const done = runSpell({
        runId,
        spell,
        params,
        loaded,
        home: deps.home,
        supervisor: deps.supervisor,
        ...(deps.mcp ? { mcp: deps.mcp } : {}),
        input,
        onEvent,
        notice: (message) => onEvent({ type: 'log', runId, level: 'warn', message, fields: {} }),
        onStart: (stopRun) => (stop = stopRun),
        // spell.run(name, params) finds spells in the studio's library, as `llmspell run` does in the CLI's.
        library: () => deps.library.current(),
        ...(cassette ? { cassette } : {}),
      })
        .catch((error: unknown) => {
          // A host bug while setting the run up: the run fails on its own, the studio goes on.
          const failure = { code: 'crashed', message: `the run could not start: ${(error as Error).message}` };
          onEvent({ type: 'finished', runId, ok: false, error: failure, durationMs: 0 });
          return { outcome: { runId, ok: false, error: failure, durationMs: 0 }, usage: undefined, cost: undefined };
        })
        .then(async ({ outcome, usage, cost }) => {
          coalescer.flush();
          input.end();
          active.delete(runId);
          const tokens = (usage as { totals?: { totalTokens?: number } } | undefined)?.totals?.totalTokens;
          // A recording that overflowed its cap offers no replay; the history writes a kept one.
          const kept = cassette?.mode === 'record' && !cassette.overflowed && !inputOverflow ? { exchanges: cassette.size, save: () => cassette.save() } : undefined;
          await deps.history.end(recorder, outcome, tokens, { cost: cost?.total, ...(kept ? { cassette: kept } : {}) });
        });
      active.set(runId, { stop: (reason, graceMs) => stop(reason, graceMs), input, ...(replay ? {} : { keepInput }), done });
      return { done };
    };
  };

  /**
   * At most `studio.max_runs` runs at once: every run costs an engine process (or a workflow's many),
   * so a flood of starts waits in a queue instead of exhausting the machine. A queued run says so in
   * its log; Stop removes it from the queue.
   */
  let running = 0;
  const queue: { runId: string; launch: () => void }[] = [];
  const release = () => {
    running -= 1;
    const next = queue.shift();
    if (next) {
      active.delete(next.runId);
      next.launch();
    }
  };
  const gate = (check: () => (runId: string) => { done: Promise<unknown> }): { runId: string } => {
    const launchWith = check(); // validation first: a bad request fails now, queued or not
    const runId = randomUUID();
    const launch = () => {
      running += 1;
      let done: Promise<unknown>;
      try {
        done = launchWith(runId).done;
      } catch (error) {
        release();
        throw error;
      }
      void done.finally(release);
    };
    const limit = deps.settings.runConfig().config.studio.max_runs;
    if (running < limit) {
      launch();
      return { runId };
    }
    deps.events.emit('run', { type: 'log', runId, level: 'info', message: `queued: ${running} runs are going (studio.max_runs is ${limit}); this one starts when one ends`, fields: {} });
    let settle: () => void = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    queue.push({ runId, launch: () => (settle(), launch()) });
    active.set(runId, {
      stop: () => {
        const i = queue.findIndex((q) => q.runId === runId);
        if (i < 0) return;
        queue.splice(i, 1);
        active.delete(runId);
        settle();
        deps.events.emit('run', { type: 'finished', runId, ok: false, error: { code: 'stopped', message: 'stopped before it started (it was queued)' }, durationMs: 0 });
      },
      done,
    });
    return { runId };
  };

  return {
    handlers: {
      'runs.start': ({ path: spellPath, params, from }) => {
        const entry = deps.library.locate(spellPath);
        if (entry.engine === 'workflow') return gate(() => startWorkflow(entry.path, params, from));
        if (from !== undefined) throw badInput('from', 'only a workflow run can start from a node');
        deps.consent?.assert(entry.path);
        return gate(() => start(spellPath, params));
      },
      'runs.replay': async ({ runId }) => {
        const { run } = await deps.history.get(runId);
        if (!run.cassette) throw new StudioError(`runId: run ${runId} kept no cassette to replay (a workflow run, a run still going on, LLM exchanges over the history's size cap, or over ${MAX_KEPT_INPUT} lines of input)`, 'cannot_replay');
        const file = deps.history.cassetteFile(run);
        const entry = deps.library.locate(run.spellPath);
        if (entry.engine === 'workflow') throw new StudioError(`runId: run ${runId} is a workflow run; only spell runs replay`, 'cannot_replay');
        deps.consent?.assert(entry.path); // a replay runs the spell's code again: a revoked approval stops it too
        return gate(() => start(run.spellPath, run.params, { runId, file, input: run.input ?? [] }));
      },
      'runs.stop': async ({ runId }) => {
        const run = active.get(runId);
        if (run) run.stop('stopped by the user', STOP_GRACE_MS);
        // Stopping a run that already ended is no error: the user's intent is met.
        else await deps.history.get(runId);
        return { ok: true as const };
      },
      'runs.input': ({ runId, line }) => {
        if (line.length > MAX_INPUT_LINE) throw badInput('line', `longer than ${MAX_INPUT_LINE} characters`);
        const run = active.get(runId);
        if (!run?.input) throw new StudioError(`runId: run ${runId} is not running; the line was not sent`, 'not_running');
        run.keepInput?.(line);
        run.input.pushLine(line);
        return { ok: true as const };
      },
      'runs.answer': ({ runId, requestId, text }) => {
        if (text.length > MAX_INPUT_LINE) throw badInput('text', `longer than ${MAX_INPUT_LINE} characters`);
        const run = active.get(runId);
        if (!run?.answer) throw new StudioError(`runId: run ${runId} is not a running workflow; the answer was not sent`, 'not_running');
        if (!run.answer(requestId, text)) throw new StudioError(`requestId: no question ${requestId} waits in run ${runId}`, 'not_found');
        return { ok: true as const };
      },
      'runs.history': (query) => deps.history.list(query),
      'runs.get': ({ runId }) => deps.history.get(runId),
      'runs.active': () => deps.history.active(),
      'runs.output': ({ runId }) => deps.history.output(runId),
    },
    async close() {
      // the queue first: a run ending below must not start a queued one
      for (const { runId } of [...queue]) active.get(runId)?.stop('the studio is closing');
      const running = [...active.values()];
      for (const run of running) run.stop('the studio is closing', STOP_GRACE_MS);
      await Promise.all(running.map((run) => run.done));
      await cache.flush();
      await deps.history.flush();
    },
  };
}
