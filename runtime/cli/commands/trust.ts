import path from 'node:path';
import { llmspellHome } from '../../config';
import { setFolderTrust, trustedFolders } from '../../config/trusted-folders';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../usage-error';

const usage = 'usage: llmspell trust [folder] [--remove] [--list]   (default: the current folder)';

/**
 * `llmspell trust`: lets a project folder's llmspell.yaml and .env widen trust (provider base URLs
 * for keys configured elsewhere, private network access, higher limits), like an editor's workspace
 * trust. Without it those settings are ignored with a notice.
 */
export const trustCommand: Command = {
  name: 'trust',
  summary: "trust a project folder's llmspell.yaml and .env to widen what your configuration allows",
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { remove: { type: 'boolean' }, list: { type: 'boolean' } }, usage);
    if (positionals.length > 1) throw new UsageError('trust takes one folder', usage);
    const home = llmspellHome(ctx.env);
    if (values.list) {
      const folders = trustedFolders(home);
      ctx.stdout.write(folders.length ? `${folders.join('\n')}\n` : 'no trusted folders\n');
      return 0;
    }
    const folder = setFolderTrust(home, path.resolve(ctx.cwd, positionals[0] ?? '.'), !values.remove);
    ctx.stdout.write(values.remove ? `no longer trusted: ${folder}\n` : `trusted: ${folder} (its llmspell.yaml and .env may now widen your configuration)\n`);
    return 0;
  },
};
