import { create } from 'zustand';
import type { TestFileInfo, TestResult, TestRunEvent } from '../../runtime/contract/spell-tests';
import type { StudioClient } from '../../runtime/contract/studio-api';

/** A case as the explorer shows it: declared in its file and/or reported by a run. */
export interface TestCaseView {
  file: string;
  name: string;
  /** Line of its `test(...)` call, when the file declares it literally. */
  line?: number;
  status: 'idle' | 'queued' | 'running' | 'passed' | 'failed';
  result?: TestResult;
}

/** What the running test run covers. */
export type TestScope = { kind: 'all' } | { kind: 'file'; file: string } | { kind: 'case'; file: string; name: string };

export interface TestsState {
  spellPath: string | null;
  files: TestFileInfo[];
  /** The last result of each case, by {@link caseKey}. */
  results: Record<string, TestResult>;
  /** The test run going on, if any. */
  running: { testRunId: string | null; scope: TestScope; record: boolean } | null;
  /** The file whose cases run now. */
  currentFile: string | null;
  summary: { passed: number; failed: number; stopped: boolean; error?: string; record: boolean } | null;
  error: string | null;
  load(spellPath: string | null): Promise<void>;
  run(scope: TestScope, options?: { record?: boolean }): Promise<void>;
  stop(): Promise<void>;
  receive(data: { testRunId: string; spellPath: string; event: TestRunEvent }): void;
}

/** A case's key in `results`. */
export const caseKey = (file: string, name: string) => `${file}\u0000${name}`;

const inScope = (scope: TestScope, file: string, name: string) =>
  scope.kind === 'all' || (scope.file === file && (scope.kind === 'file' || scope.name === name));

/**
 * The rows of the explorer, per file: declared cases in file order, then cases only a run reported
 * (a computed name, or the whole file when it names none).
 */
export function testRows(state: Pick<TestsState, 'files' | 'results' | 'running' | 'currentFile'>): { file: string; cassette: boolean; cases: TestCaseView[] }[] {
  return state.files.map((info) => {
    const reported = Object.values(state.results).filter((r) => r.file === info.file);
    const names = [...info.cases.map((c) => c.name), ...reported.map((r) => r.name).filter((n) => !info.cases.some((c) => c.name === n))];
    if (names.length === 0) names.push(info.file);
    const cases = names.map((name): TestCaseView => {
      const declared = info.cases.find((c) => c.name === name);
      const result = state.results[caseKey(info.file, name)];
      const pending = state.running && inScope(state.running.scope, info.file, name) && !result;
      const status = pending ? (state.currentFile === info.file ? 'running' : 'queued') : result ? (result.ok ? 'passed' : 'failed') : 'idle';
      return { file: info.file, name, ...(declared ? { line: declared.line } : {}), status, ...(result ? { result } : {}) };
    });
    return { file: info.file, cassette: info.cassette, cases };
  });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The test explorer of the open spell: its test files, the last results, the run going on. */
export function createTestsStore(client: StudioClient) {
  let seq = 0;
  return create<TestsState>()((set, get) => ({
    spellPath: null,
    files: [],
    results: {},
    running: null,
    currentFile: null,
    summary: null,
    error: null,
    async load(spellPath) {
      const mine = ++seq;
      if (spellPath !== get().spellPath) set({ spellPath, files: [], results: {}, running: null, currentFile: null, summary: null, error: null });
      if (!spellPath) return;
      try {
        const files = await client.call('tests.list', { path: spellPath });
        if (mine !== seq) return;
        set({ files });
        // Asked last and applied at once: events pushed after this answer are the ones not in it.
        const live = get().running ? [] : await client.call('tests.active', { path: spellPath });
        if (mine !== seq) return;
        // A test run still going on (the page was reloaded during it): take it over, results so far first.
        const run = live[0];
        if (run && !get().running) {
          const scope: TestScope = run.file === undefined ? { kind: 'all' } : run.name === undefined ? { kind: 'file', file: run.file } : { kind: 'case', file: run.file, name: run.name };
          set({ running: { testRunId: run.testRunId, scope, record: run.record }, summary: null });
          for (const event of run.events) get().receive({ testRunId: run.testRunId, spellPath, event });
        }
      } catch (error) {
        if (mine === seq) set({ error: message(error) });
      }
    },
    async run(scope, options = {}) {
      const spellPath = get().spellPath;
      if (!spellPath || get().running) return;
      const record = options.record ?? false;
      // The cases about to run lose their old verdicts; the others keep theirs.
      const results = Object.fromEntries(Object.entries(get().results).filter(([, r]) => !inScope(scope, r.file, r.name)));
      set({ running: { testRunId: null, scope, record }, results, summary: null, error: null, currentFile: null });
      try {
        const { testRunId } = await client.call('tests.run', {
          path: spellPath,
          ...(scope.kind !== 'all' ? { file: scope.file } : {}),
          ...(scope.kind === 'case' ? { name: scope.name } : {}),
          ...(record ? { record } : {}),
        });
        const running = get().running;
        if (running && running.testRunId === null) set({ running: { ...running, testRunId } });
      } catch (error) {
        set({ running: null, error: message(error) });
      }
    },
    async stop() {
      const id = get().running?.testRunId;
      if (id) await client.call('tests.stop', { testRunId: id }).catch((error: unknown) => set({ error: message(error) }));
    },
    receive({ testRunId, spellPath, event }) {
      const running = get().running;
      if (spellPath !== get().spellPath || !running) return;
      // Events can come before the start call's answer: the first id seen for this spell is ours.
      if (running.testRunId === null) set({ running: { ...running, testRunId } });
      else if (running.testRunId !== testRunId) return;
      if (event.type === 'file') set({ currentFile: event.file });
      else if (event.type === 'result') set({ results: { ...get().results, [caseKey(event.result.file, event.result.name)]: event.result } });
      else {
        const { passed, failed, stopped } = event;
        set({ running: null, currentFile: null, summary: { passed, failed, stopped, record: running.record, ...(event.error ? { error: event.error } : {}) } });
        // Recording may have added cassettes: the list says which files have one.
        void get().load(spellPath);
      }
    },
  }));
}
