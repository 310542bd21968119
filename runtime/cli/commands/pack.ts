import path from 'node:path';
import { packSpell } from '../../spells/bundle/pack-spell';
import { ManifestError } from '../../spells/manifest-problems';
import { locateSpell } from '../../spells/prepare-run';
import { SpellNotFound } from '../../spells/resolve-spell';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openLibrary } from '../open-library';
import { UsageError } from '../usage-error';

const usage = 'usage: llmspell pack <spell-folder | name> [--out DIR] [--sign KEYFILE]';

export const packCommand: Command = {
  name: 'pack',
  summary: 'bundle a spell folder into name-version.spell (optionally signed)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, sign: { type: 'string' } }, usage);
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new UsageError(target ? 'pack takes one spell' : 'which spell folder?', usage);
    try {
      const dir = locateSpell(target, ctx.cwd, () => openLibrary(ctx));
      const result = packSpell(dir, {
        outDir: path.resolve(ctx.cwd, values.out ?? '.'),
        ...(values.sign ? { signKey: path.resolve(ctx.cwd, values.sign) } : {}),
      });
      const signed = result.signedBy ? `, signed by key ${result.signedBy.slice(0, 16)}` : ', unsigned';
      ctx.stdout.write(`packed ${result.name} ${result.version} → ${path.relative(ctx.cwd, result.file) || result.file} (${result.files.length} files${signed})\n`);
      return 0;
    } catch (error) {
      if (error instanceof SpellNotFound) throw new UsageError(error.message, usage);
      if (error instanceof ManifestError) {
        ctx.stderr.write(`cannot pack: invalid manifest:\n${error.message}\n`);
        return 1;
      }
      // A symlink in the folder, an unreadable file, a bad signing key: the spell cannot be packed as it is.
      if (error instanceof Error) {
        ctx.stderr.write(`cannot pack: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
