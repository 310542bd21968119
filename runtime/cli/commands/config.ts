import path from 'node:path';
import { configJson, formatConfig, initConfigFile, llmspellHome, loadConfig, userConfigPath, ConfigError, type LoadedConfig } from '../../config';
import { resolveEndpoints } from '../../llm/provider-catalog';
import { MOCK_PROVIDER } from '../../llm/mock-provider';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';

const usage = `usage: llmspell config show [--json]
       llmspell config init [--project]`;

export const configCommand: Command = {
  name: 'config',
  summary: 'show the effective configuration, or write a starter file',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { project: { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    const [action] = positionals;
    if (action === 'show') {
      try {
        const loaded = withRunProvider(loadConfig({ cwd: ctx.cwd, env: ctx.env }));
        ctx.stdout.write(values.json ? `${JSON.stringify(configJson(loaded), null, 2)}\n` : `${formatConfig(loaded)}\n`);
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

/**
 * A defaulted `provider` is no choice: a run uses the first provider that has its key, else the
 * offline mock (llm-service.ts). Show that provider, and say why, instead of the schema's default.
 */
function withRunProvider(loaded: LoadedConfig): LoadedConfig {
  if (loaded.origins.provider !== 'default') return loaded;
  const available = resolveEndpoints({ providers: loaded.config.providers }, {}).find((e) => e.available)?.name;
  const provider = available ?? MOCK_PROVIDER;
  const origin = available ? 'default: the first provider with an API key' : 'default: no provider has an API key, so the offline mock';
  // Keeps `ignored`: the lines about an untrusted folder's dropped settings must still be shown.
  return { ...loaded, config: { ...loaded.config, provider }, origins: { ...loaded.origins, provider: origin } };
}
