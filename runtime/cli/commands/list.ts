import type { SpellIndexEntry } from '../../contract/spell-library';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { openLibrary } from '../open-library';

const usage = 'usage: llmspell list [words ...] [--tag T] [--json]';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the spells in the library, or search them by words and tag',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { tag: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const library = openLibrary(ctx);
    const text = positionals.join(' ');
    const entries = text || values.tag ? library.search({ text, tag: values.tag }) : library.entries();
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) {
      const where = library.folders.map((f) => f.path).join(', ');
      ctx.stdout.write(text || values.tag ? 'no spell matches\n' : `no spells yet in ${where}; create one with: llmspell create my-spell\n`);
      return 0;
    }
    ctx.stdout.write(`${formatTable(entries)}\n`);
    return 0;
  },
};

/** One line per spell: name, version, engine, description (or why its manifest is invalid). */
function formatTable(entries: SpellIndexEntry[]): string {
  const seen = new Set<string>();
  const rows = entries.map((e) => {
    const notes: string[] = [];
    if (e.problems) notes.push('invalid manifest: llmspell validate ' + e.path);
    if (seen.has(e.name)) notes.push(`shadowed: ${e.path}`);
    seen.add(e.name);
    const tags = e.tags.length ? ` [${e.tags.join(', ')}]` : '';
    return [e.name, e.version, e.engine, `${e.description}${tags}${notes.length ? ` (${notes.join('; ')})` : ''}`];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd()).join('\n');
}
