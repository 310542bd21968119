import path from 'node:path';
import { ConfigError, llmspellHome, loadConfig } from '../../config';
import { Supervisor } from '../../host/supervisor';
import { findTests } from '../../spells/testing/find-tests';
import { runTests, type TestCaseResult } from '../../services/testing/run-tests';
import { TapWriter } from '../../services/testing/tap';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage-error';

const usage = `usage: llmspell test <spell-dir | test-file | folder of spells> [--name CASE] [--json]
       llmspell test <spell-dir> --record   (records tests/<file>.cassette.json with the configured provider)
       --name CASE runs only the case test("CASE", ...) (in the given file, or in every file)`;

export const testCommand: Command = {
  name: 'test',
  summary: "run a spell's tests (tests/*.test.lua, .js or .tengo) with a deterministic LLM; TAP or --json",
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, record: { type: 'boolean' }, name: { type: 'string' } }, usage);
    const [target = '.'] = positionals;
    let suites;
    try {
      suites = findTests(target.startsWith('/') ? target : `${ctx.cwd}/${target}`);
    } catch (error) {
      throw new UsageError((error as Error).message, usage);
    }
    if (suites.length === 0) throw new UsageError(`no tests found under ${target} (expected tests/*.test.lua, .js or .tengo beside a spell)`, usage);
    // A single test file with --name: that file's case only (a file's own name is its whole-file case).
    const single = suites.length === 1 && suites[0]!.files.length === 1 && /\.test\.(lua|js|tengo)$/.test(target) ? path.relative(suites[0]!.spellDir, suites[0]!.files[0]!).split(path.sep).join('/') : undefined;
    const only = values.name !== undefined ? { name: values.name, ...(single ? { file: single } : {}) } : undefined;
    let loaded;
    try {
      loaded = loadConfig({ cwd: ctx.cwd, env: ctx.env });
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`, usage);
      throw error;
    }
    const supervisor = new Supervisor({ poolSize: 1 });
    const tap = values.json ? undefined : new TapWriter((text) => ctx.stdout.write(text));
    let results: TestCaseResult[] = [];
    try {
      results = await runTests(suites, {
        loaded,
        home: llmspellHome(ctx.env),
        supervisor,
        onResult: (result) => tap?.result(result),
        record: values.record ?? false,
        ...(only ? { only } : {}),
      });
    } finally {
      await supervisor.close();
    }
    const failed = results.filter((r) => !r.ok).length;
    if (tap) tap.end(results);
    else ctx.stdout.write(`${JSON.stringify({ ok: failed === 0, passed: results.length - failed, failed, results })}\n`);
    return failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
