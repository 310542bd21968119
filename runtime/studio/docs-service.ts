/**
 * The docs pages (docs/*.md of this package) for the studio's Help panel. Pages are read by file name
 * from one folder; any other name — a path, a hidden file, a non-Markdown file — is refused.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from './studio-error';
import type { HandlersFor } from './studio-handlers';

/** `docs/` of this package, found from wherever the running code sits (dist/ bundle or sources). */
export function defaultDocsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir) && !existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'docs');
}

const PAGE = /^(README|[a-z0-9][a-z0-9._-]*)\.md$/;
const titleOf = (text: string, name: string) => /^# (.+)$/m.exec(text)?.[1]?.trim() ?? name.replace(/\.md$/, '');

function pages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir).filter((name) => PAGE.test(name)).sort();
  // The index first, then the tutorials in reading order, then the rest by name.
  const rank = (name: string) => ['README.md', 'tutorial-first-spell-lua.md', 'tutorial-first-spell', 'tutorial-', ''].findIndex((prefix) => name.startsWith(prefix));
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function docsService(dir = defaultDocsDir()): HandlersFor<'docs.list' | 'docs.read'> {
  return {
    'docs.list': () => pages(dir).map((name) => ({ name, title: titleOf(readFileSync(path.join(dir, name), 'utf8'), name) })),
    'docs.read': ({ name }) => {
      // Why: only names listed from the folder, so nothing outside docs/ can be read through this.
      if (!pages(dir).includes(name)) throw new StudioError(`no docs page named '${name}'`, 'not_found');
      const markdown = readFileSync(path.join(dir, name), 'utf8');
      return { name, title: titleOf(markdown, name), markdown };
    },
  };
}
