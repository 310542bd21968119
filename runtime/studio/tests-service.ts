import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestFileInfo, TestRunEvent } from '../contract/spell-tests';
import type { Supervisor } from '../host/supervisor';
import { runTests, type TestCaseResult } from '../services/testing/run-tests';
import { findTests, type SpellTests } from '../spells/testing/find-tests';
import { listCases } from '../spells/testing/list-cases';
import type { SettingsService } from './settings-service';
import type { StudioLibrary } from './studio-library';
import { badInput, StudioError } from './studio-error';
import type { StudioEvents } from './studio-events';
import type { HandlersFor } from './studio-handlers';

export interface TestsDeps {
  library: StudioLibrary;
  settings: SettingsService;
  supervisor: Supervisor;
  events: StudioEvents;
  home: string;
  /** A spell's tests run its code: an installed spell's need the approval its runs need. */
  consent?: { assert(spellPath: string): void };
}

interface ActiveTests {
  spellPath: string;
  file?: string;
  name?: string;
  record: boolean;
  /** Its events so far (one per file and case: a few hundred at most), for a page that reloads. */
  events: TestRunEvent[];
  controller: AbortController;
  done: Promise<void>;
}

/** Events kept per live test run for re-attaching; past this, a reloaded page sees the rest live. */
const MAX_KEPT_EVENTS = 10_000;

/** The test files of a spell folder, as `llmspell test <spell>` finds them (none for a single file or a workflow). */
function testsOf(spellDir: string): SpellTests | undefined {
  if (!existsSync(path.join(spellDir, 'tests'))) return undefined;
  try {
    return findTests(spellDir).find((suite) => suite.spellDir === spellDir);
  } catch {
    return undefined;
  }
}

const relative = (spellDir: string, file: string) => path.relative(spellDir, file).split(path.sep).join('/');

/**
 * The studio's test explorer: lists a spell's tests and runs them with the runner of `llmspell test`
 * (the same files, the same deterministic LLM: the file's cassette, else the mock), streaming each
 * result as its case finishes; Stop ends the running spells at once. Recording uses the configured
 * provider with the studio's saved settings, as `llmspell test --record` does.
 */
export function testsService(deps: TestsDeps): { handlers: HandlersFor<'tests.list' | 'tests.run' | 'tests.active' | 'tests.stop'>; close(): Promise<void> } {
  const active = new Map<string, ActiveTests>();

  const suiteOf = (spellPath: string) => {
    const entry = deps.library.locate(spellPath);
    return { dir: entry.path, suite: entry.engine === 'workflow' ? undefined : testsOf(entry.path) };
  };

  return {
    handlers: {
      'tests.list': ({ path: spellPath }) => {
        const { dir, suite } = suiteOf(spellPath);
        return (suite?.files ?? []).map(
          (file): TestFileInfo => ({
            file: relative(dir, file),
            cases: listCases(readFileSync(file, 'utf8'), file),
            cassette: existsSync(file.replace(/\.test\.(lua|js|tengo)$/, '.cassette.json')),
          }),
        );
      },
      'tests.run': ({ path: spellPath, file, name, record }) => {
        const { dir, suite } = suiteOf(spellPath);
        if (!suite) throw new StudioError(`path: ${path.basename(dir)} has no tests (tests/*.test.lua, .js or .tengo)`, 'no_tests');
        deps.consent?.assert(dir);
        if (name !== undefined && file === undefined) throw badInput('file', 'required with name (the test file the case is in)');
        if (file !== undefined && !suite.files.some((f) => relative(dir, f) === file)) throw badInput('file', `no test file ${file} in ${path.basename(dir)}`);
        // One test run per spell at a time: two would record into (and replay from) the same cassettes.
        if ([...active.values()].some((a) => a.spellPath === dir)) throw new StudioError(`path: the tests of ${path.basename(dir)} are already running`, 'busy');
        // Test runs take engine processes like runs do: at most `studio.max_runs` of them at once.
        const limit = deps.settings.runConfig().config.studio.max_runs;
        if (active.size >= limit) throw new StudioError(`path: ${active.size} test runs are going (studio.max_runs is ${limit}); start this one when one ends`, 'busy');
        const testRunId = randomUUID();
        const kept: TestRunEvent[] = [];
        const emit = (event: TestRunEvent) => {
          if (kept.length < MAX_KEPT_EVENTS) kept.push(event);
          deps.events.emit('tests', { testRunId, spellPath: dir, event });
        };
        const controller = new AbortController();
        let passed = 0;
        let failed = 0;
        const onResult = (r: TestCaseResult) => {
          if (r.ok) passed++;
          else failed++;
          const { spell: _spell, ...result } = r;
          emit({ type: 'result', result });
        };
        const done = Promise.resolve()
          .then(() =>
            runTests([suite], {
              loaded: deps.settings.runConfig(),
              home: deps.home,
              supervisor: deps.supervisor,
              record: record ?? false,
              signal: controller.signal,
              onFile: (f) => emit({ type: 'file', file: f }),
              onResult,
              ...(file !== undefined ? { only: { file, ...(name !== undefined ? { name } : {}) } } : {}),
            }),
          )
          .then(
            () => emit({ type: 'done', passed, failed, stopped: controller.signal.aborted }),
            (error: unknown) => emit({ type: 'done', passed, failed, stopped: controller.signal.aborted, error: (error as Error).message }),
          )
          .finally(() => {
            active.delete(testRunId);
            // Recorded cassettes are new files of the spell: open windows list them.
            if (record) deps.events.emit('library', { reason: 'cassettes recorded' });
          });
        active.set(testRunId, { spellPath: dir, ...(file !== undefined ? { file } : {}), ...(name !== undefined ? { name } : {}), record: record ?? false, events: kept, controller, done });
        return { testRunId };
      },
      'tests.active': ({ path: spellPath }) => {
        const dir = deps.library.locate(spellPath).path;
        return [...active.entries()]
          .filter(([, run]) => run.spellPath === dir)
          .map(([testRunId, run]) => ({ testRunId, ...(run.file !== undefined ? { file: run.file } : {}), ...(run.name !== undefined ? { name: run.name } : {}), record: run.record, events: [...run.events] }));
      },
      'tests.stop': ({ testRunId }) => {
        // Stopping tests that already ended is no error: the user's intent is met.
        active.get(testRunId)?.controller.abort();
        return { ok: true as const };
      },
    },
    async close() {
      const running = [...active.values()];
      for (const run of running) run.controller.abort();
      await Promise.all(running.map((run) => run.done));
    },
  };
}
