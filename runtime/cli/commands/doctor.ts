import { llmspellHome } from '../../config';
import { parseCommandArgs } from '../args';
import { VERSION_LINE } from '../build-info';
import type { Command } from '../command';
import { formatCheck, type CheckResult } from '../doctor/check';
import { checkEngines } from '../doctor/engine-checks';
import { checkConfig, checkStorage, checkStudioAssets } from '../doctor/local-checks';
import { checkProviders } from '../doctor/provider-checks';

const usage = 'usage: llmspell doctor [--offline]\n  --offline  do not contact the LLM providers';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the setup: config, providers, engines, storage, studio (✓ or ✗ with the fix)',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, { offline: { type: 'boolean' } }, usage);
    const home = llmspellHome(ctx.env);
    ctx.stdout.write(`llmspell ${VERSION_LINE} on Node ${process.versions.node} (${process.platform}-${process.arch})\n`);
    const results: CheckResult[] = [];
    // Each line is printed as soon as it is known: a slow provider does not hide the rest.
    const report = (...lines: CheckResult[]) => {
      results.push(...lines);
      for (const line of lines) ctx.stdout.write(`${formatCheck(line)}\n`);
    };
    const { result, loaded } = checkConfig(ctx.cwd, ctx.env, home);
    report(result);
    if (loaded && !values.offline) report(...(await checkProviders(loaded)));
    if (loaded) report(...(await checkEngines(loaded, home)));
    report(await checkStorage(home));
    report(checkStudioAssets());
    const failed = results.filter((r) => !r.ok).length;
    ctx.stdout.write(failed === 0 ? 'all checks passed\n' : `${failed} check${failed === 1 ? '' : 's'} failed\n`);
    return failed === 0 ? 0 : 1;
  },
};
