import { readdir, readFile, lstat } from 'node:fs/promises';
import path from 'node:path';

/** A text file of a spell as the editor opens it. */
export interface OpenedFile {
  name: string;
  content: string;
  mtime: number;
}

/** Files the editor opens: sources, manifests, docs and data. Anything else stays on disk. */
const TEXT_EXTENSIONS = new Set(['.lua', '.js', '.mjs', '.tengo', '.yaml', '.yml', '.json', '.md', '.txt', '.csv']);
const MAX_FILES = 200;
const MAX_DEPTH = 4;
/** Larger files are not opened in the editor. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads the text files of a spell folder (or the one file of a single-file spell): manifest first,
 * then the entry file, then the rest by name. Hidden entries, node_modules and symbolic links are
 * skipped (a link could point outside the spell). Only reads; never executes anything.
 */
export async function readSpellFiles(spellPath: string, entry?: string): Promise<OpenedFile[]> {
  const info = await lstat(spellPath);
  if (info.isFile()) return [await readOne(spellPath, path.basename(spellPath))];
  const names: string[] = [];
  await walk(spellPath, '', 0, names);
  const rank = (name: string) => (name === 'spell.yaml' ? 0 : name === entry ? 1 : 2);
  names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(names.map((name) => readOne(path.join(spellPath, name), name)));
}

async function walk(root: string, prefix: string, depth: number, out: string[]): Promise<void> {
  const dirents = await readdir(path.join(root, prefix), { withFileTypes: true });
  for (const dirent of dirents) {
    if (out.length >= MAX_FILES) return;
    if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
    const name = prefix ? `${prefix}/${dirent.name}` : dirent.name;
    if (dirent.isDirectory() && depth < MAX_DEPTH) await walk(root, name, depth + 1, out);
    else if (dirent.isFile() && TEXT_EXTENSIONS.has(path.extname(dirent.name).toLowerCase())) {
      const { size } = await lstat(path.join(root, name));
      if (size <= MAX_FILE_BYTES) out.push(name);
    }
  }
}

async function readOne(file: string, name: string): Promise<OpenedFile> {
  const [content, info] = await Promise.all([readFile(file, 'utf8'), lstat(file)]);
  return { name, content, mtime: info.mtimeMs };
}
