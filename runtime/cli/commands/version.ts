import type { Command } from '../command';
import { VERSION_LINE } from '../build-info';

export { VERSION } from '../build-info';

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version and the commit it was built from',
  usage: 'usage: llmspell --version',
  async run(_args, ctx) {
    ctx.stdout.write(`llmspell ${VERSION_LINE}\n`);
    return 0;
  },
};
