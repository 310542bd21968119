import pkg from '../../../package.json' with { type: 'json' };
import type { Command } from '../command';

/** The version printed by `llmspell --version`. */
export const VERSION: string = pkg.version;

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version',
  usage: 'usage: llmspell --version',
  async run(_args, ctx) {
    ctx.stdout.write(`llmspell ${VERSION}\n`);
    return 0;
  },
};
