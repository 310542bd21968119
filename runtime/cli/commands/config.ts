import path from 'node:path';
import { formatConfig, initConfigFile, llmspellHome, loadConfig, userConfigPath, ConfigError } from '../../config';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';

const usage = `usage: llmspell config show
       llmspell config init [--project]`;

export const configCommand: Command = {
  name: 'config',
  summary: 'show the effective configuration, or write a starter file',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { project: { type: 'boolean' } }, usage);
    const [action] = positionals;
    if (action === 'show') {
      try {
        const loaded = loadConfig({ cwd: ctx.cwd, env: ctx.env });
        ctx.stdout.write(`${formatConfig(loaded)}\n`);
        for (const line of loaded.ignored ?? []) ctx.stderr.write(`${line}\n`);
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`);
        throw error;
      }
      return 0;
    }
    if (action === 'init') {
      const file = values.project ? path.join(ctx.cwd, 'llmspell.yaml') : userConfigPath(llmspellHome(ctx.env));
      const result = initConfigFile(file);
      if (!result.written) {
        ctx.stderr.write(`${result.path} already exists; left it as it is\n`);
        return 1;
      }
      ctx.stdout.write(`wrote ${result.path}\n`);
      return 0;
    }
    throw new UsageError(action ? `unknown config action '${action}'` : 'config needs an action: show or init', usage);
  },
};
