import path from 'node:path';
import { ConfigError, llmspellHome, loadConfig, type Config } from '../../config';
import { installBundle } from '../../spells/bundle/install-bundle';
import { BundleError } from '../../spells/bundle/read-bundle';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';
import { openLibrary } from '../open-library';
import { checkDependencies, describeDependencies } from '../../spells/dependencies';
import { GrantStore } from '../../spells/consent/grant-store';
import { spellConsent } from '../../spells/consent/spell-consent';

const usage = 'usage: llmspell install <file.spell> [--force] [--allow-unsigned | --require-signed]';

export const installCommand: Command = {
  name: 'install',
  summary: 'verify a .spell bundle and install it into $LLMSPELL_HOME/spells',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { force: { type: 'boolean' }, 'allow-unsigned': { type: 'boolean' }, 'require-signed': { type: 'boolean' } },
      usage,
    );
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError(file ? 'install takes one bundle' : 'which .spell file?', usage);
    const home = llmspellHome(ctx.env);
    const config = userConfig(ctx);
    try {
      const requireSigned = (values['require-signed'] ?? false) || config.install.require_signed;
      const result = installBundle(path.resolve(ctx.cwd, file), {
        home,
        force: values.force ?? false,
        allowUnsigned: values['allow-unsigned'] ?? false,
        requireSigned,
      });
      const lines: string[] = [];
      if (result.status === 'unchanged') lines.push(`${result.name} ${result.version} is already installed in ${result.path}; nothing to do`);
      else {
        const replaced = result.status === 'replaced' ? ` (replaced ${result.previousVersion ?? 'the previous copy'})` : '';
        lines.push(`installed ${result.name} ${result.version} into ${result.path}${replaced}`);
      }
      lines.push(
        result.signedBy
          ? `signature verified with trusted key ${result.signedBy.fingerprint.slice(0, 16)} (${result.signedBy.file})`
          : 'unsigned: its contents match its digest, but no trusted key vouches for who made it',
      );
      if (!result.permissionsDeclared) lines.push('it declares no permissions: it runs under your configured policy, like a bare .lua file');
      else lines.push(result.permissions.length ? 'it asks for:' : 'it asks for no permissions', ...result.permissions.map((p) => `  ${p}`));
      lines.push(...describeLimits(result.limits, config.limits));
      // Installing is the approval: `llmspell run` and the studio run it without asking until it is revoked.
      const grants = new GrantStore(home);
      const consent = spellConsent(result.path, home, grants);
      if (consent && consent.status !== 'granted') {
        await grants.grant(consent.request, 'cli');
        lines.push(`approved: its permissions are remembered in ${grants.file} (revoke in the studio's Settings)`);
      }
      const statuses = checkDependencies(result.dependencies, openLibrary(ctx));
      if (statuses.length) lines.push('it needs:', ...describeDependencies(statuses).map((l) => `  ${l}`));
      ctx.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } catch (error) {
      if (error instanceof BundleError) {
        ctx.stderr.write(`cannot install: ${error.message}\n`);
        return 1;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(error as NodeJS.ErrnoException).path?.startsWith(home)) {
        throw new UsageError(`no such file: ${file}`, usage);
      }
      throw error;
    }
  },
};

/**
 * The limits a manifest asks for, against the user's: the user's configuration is a ceiling, so a
 * limit above it is shown here and is granted only by a flag on the run.
 */
function describeLimits(asked: { timeout?: number; memory?: number; cpu?: number; cost?: number }, mine: Config['limits']): string[] {
  const entries = (['timeout', 'memory', 'cpu', 'cost'] as const).filter((k) => asked[k] !== undefined);
  if (!entries.length) return [];
  const unit = { timeout: 's', memory: 'MB', cpu: 's', cost: 'USD' } as const;
  const flag = { timeout: '--timeout', memory: '--memory', cpu: '--cpu', cost: '--max-cost' } as const;
  const lines = ['it asks for limits:'];
  for (const key of entries) {
    const value = asked[key]!;
    const limit = mine[key]; // no CPU or cost limit of the user's own: any asked for is a lowering
    const above = limit !== undefined && value > limit ? ` (above your ${limit} ${unit[key]}: it runs with ${limit} ${unit[key]} unless you pass ${flag[key]} ${value})` : '';
    lines.push(`  ${key} ${value} ${unit[key]}${above}`);
  }
  return lines;
}

/** The configuration; a broken one stops the install (it may hold install.require_signed). */
function userConfig(ctx: Parameters<Command['run']>[1]) {
  try {
    return loadConfig({ cwd: ctx.cwd, env: ctx.env }).config;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`, usage);
    throw error;
  }
}
