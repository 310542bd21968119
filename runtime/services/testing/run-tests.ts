import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BridgeHandlers } from '../../bridges/types';
import type { LoadedConfig } from '../../config';
import { BridgeError, ErrorCode } from '../../contract/error-codes';
import type { Supervisor } from '../../host/supervisor';
import { Cassette } from '../../llm/cassette/cassette';
import { resolveParams } from '../../spells/parameters';
import { resolveSpell } from '../../spells/resolve-spell';
import type { SpellTests } from '../../spells/testing/find-tests';
import { LineInput } from '../line-input';
import { runSpell } from '../run-spell';
import { failureLine } from './failure-line';

/** One reported case: a `test(name, fn)` inside a file, or the whole file when it names none. */
export interface TestCaseResult {
  spell: string;
  file: string;
  name: string;
  ok: boolean;
  error?: string;
  /** Where a failure happened in the test file (from the error's `file:line`), for an editor mark. */
  line?: number;
  column?: number;
  durationMs: number;
}

/** Runs part of the tests: one file, one case (by name) of one file, or the case of that name in every file. */
export interface TestSelection {
  /** A test file, relative to the spell folder: `tests/hello.test.lua`; absent: every file. */
  file?: string;
  /** A case; absent: every case. */
  name?: string;
}

export interface RunTestsOptions {
  loaded: LoadedConfig;
  home: string;
  supervisor: Supervisor;
  onResult?: (result: TestCaseResult) => void;
  /** A test file is about to run (its path relative to the spell folder). */
  onFile?: (file: string) => void;
  /** Record each file's `run_spell` LLM exchanges with the configured provider into its cassette. */
  record?: boolean;
  /** Only this file, or this case of it. */
  only?: TestSelection;
  /** Stops the tests: the running file and its spell runs end at once, later files never start. */
  signal?: AbortSignal;
}

/**
 * Runs spell tests. Each test file runs as a sandboxed spell with the assertion library; its
 * `run_spell(params)` runs the spell under test in a fresh engine process with a deterministic
 * LLM: the cassette `tests/<file>.cassette.json` when there is one (replayed, offline), else the
 * mock provider. Real keys are used only to record (`record: true`).
 */
export async function runTests(suites: SpellTests[], options: RunTestsOptions): Promise<TestCaseResult[]> {
  const results: TestCaseResult[] = [];
  const report = (result: TestCaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const suite of suites) {
    const spell = resolveSpell(suite.spellDir, suite.spellDir);
    for (const file of suite.files) {
      if (options.signal?.aborted) return results;
      if (options.only?.file !== undefined && path.relative(suite.spellDir, file).split(path.sep).join('/') !== options.only.file) continue;
      await runTestFile(spell, file, options, report);
    }
  }
  // A case asked for by name in every file, found in none: say so rather than pass on nothing.
  const wanted = options.only?.name;
  if (wanted !== undefined && options.only?.file === undefined && !options.signal?.aborted && !results.some((r) => r.name === wanted)) {
    report({ spell: suites.map((s) => path.basename(s.spellDir)).join(', '), file: '', name: wanted, ok: false, error: `no test named "${wanted}" ran`, durationMs: 0 });
  }
  return results;
}

async function runTestFile(
  spell: ReturnType<typeof resolveSpell>,
  file: string,
  options: RunTestsOptions,
  report: (result: TestCaseResult) => void,
): Promise<void> {
  const started = performance.now();
  const fileName = fileNameOf(spell, file);
  options.onFile?.(fileName);
  const mock = deterministic(options.loaded);
  const cassetteFile = file.replace(/\.test\.(lua|js|tengo)$/, '.cassette.json');
  // Recording: one cassette for the whole file, filled by every run_spell with the real provider,
  // written once the file ran (stopped tests keep the cassette they had).
  const recording = options.record ? Cassette.record(cassetteFile, { saveOnEnd: false }) : undefined;
  // Every run of this file (the file's own and its run_spell runs) stops when the tests are stopped.
  const stops = new Set<(reason?: string) => void>();
  const onAbort = () => {
    for (const stop of stops) stop('the tests were stopped');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const tracked = (stop: (reason?: string) => void) => {
    stops.add(stop);
    if (options.signal?.aborted) stop('the tests were stopped');
  };
  // "Run one": the case the test library runs alone; a file without named cases is its own case.
  const only = options.only?.name !== undefined && options.only.name !== fileNameOf(spell, file) ? options.only.name : null;
  const bridges: BridgeHandlers = {
    'test.only': async () => only,
    'test.run_spell': async (args) => {
      const params = resolveParams(spell.manifest?.parameters, { pairs: [], file: (args[0] ?? {}) as Record<string, unknown> });
      let output = '';
      const cassette = recording ?? (existsSync(cassetteFile) ? Cassette.replay(cassetteFile) : undefined);
      // io.read() in the spell under test reads these lines, then sees the end of input.
      const input = new LineInput();
      for (const line of Array.isArray(args[1]) ? args[1] : []) input.pushLine(String(line));
      input.end();
      const { outcome } = await runSpell({
        spell,
        params,
        loaded: recording ? options.loaded : mock,
        input,
        home: options.home,
        supervisor: options.supervisor,
        onEvent: (event) => {
          if (event.type === 'output') output += event.text;
        },
        onStart: tracked,
        ...(cassette ? { cassette } : {}),
      });
      // A cassette without the answer is a broken test, not a spell failure to assert on: raise it.
      if (outcome.error?.code === ErrorCode.CassetteMiss) throw new BridgeError(outcome.error.message, ErrorCode.CassetteMiss);
      return { output, error: outcome.ok ? null : (outcome.error?.message ?? 'failed') };
    },
  };
  let cases = 0;
  const base = { spell: spell.name, file: fileName };
  const { outcome } = await runSpell({
    onStart: tracked,
    spell: { ...spell, source: { engine: file.endsWith('.js') ? 'javascript' : file.endsWith('.tengo') ? 'tengo' : 'lua', fileName, code: readFileSync(file, 'utf8') } },
    params: {},
    loaded: mock,
    home: options.home,
    supervisor: options.supervisor,
    mode: 'test',
    extraBridges: bridges,
    onEvent: (event) => {
      if (event.type !== 'test-result') return;
      cases++;
      report({ ...base, name: event.name, ok: event.ok, ...(event.error ? failure(event.error, fileName) : {}), durationMs: event.durationMs });
    },
  }).finally(() => options.signal?.removeEventListener('abort', onAbort));
  if (options.signal?.aborted) return; // stopped: no verdict on the cases that did not finish
  await recording?.save();
  if (only !== null && cases === 0 && outcome.ok) {
    // Only a file asked for by name owes the case; among every file, the others simply lack it.
    if (options.only?.file !== undefined) report({ ...base, name: only, ok: false, error: `no test named "${only}" ran in ${fileName}`, durationMs: performance.now() - started });
    return;
  }
  // A file without named cases is one case; a file that failed outside its cases fails as a whole.
  if (cases === 0 || !outcome.ok) {
    const error = outcome.error ? { ...failure(outcome.error.message, fileName), ...(outcome.error.line !== undefined && outcome.error.file === fileName ? { line: outcome.error.line } : {}) } : {};
    report({ ...base, name: cases === 0 ? fileName : `${fileName} (outside a test)`, ok: outcome.ok, ...error, durationMs: performance.now() - started });
  }
}

function fileNameOf(spell: ReturnType<typeof resolveSpell>, file: string): string {
  return path.relative(path.dirname(spell.entryPath), file) || path.basename(file);
}

/** A failure's message with the line it names in the test file, if it names one. */
function failure(message: string, fileName: string): { error: string; line?: number; column?: number } {
  const at = failureLine(message, fileName);
  return { error: message, ...(at ? { line: at.line, ...(at.column !== undefined ? { column: at.column } : {}) } : {}) };
}

/** The configuration with the mock provider forced: tests never reach a real model. */
function deterministic(loaded: LoadedConfig): LoadedConfig {
  return { config: { ...loaded.config, provider: 'mock' }, origins: { ...loaded.origins, provider: 'llmspell test' } };
}
