import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpellSource } from '../contract/engine-protocol';

/** A spell found on disk, ready to run. */
export interface ResolvedSpell {
  name: string;
  /** Absolute path of the entry file. */
  entryPath: string;
  source: SpellSource;
}

/** Why a spell could not be loaded, with the path it concerns. */
export class SpellNotFound extends Error {
  override name = 'SpellNotFound';
}

/**
 * Resolves `llmspell run <target>`: a `.lua` file, or a spell folder whose entry is `main.lua`.
 * Reading a spell never executes it.
 */
export function resolveSpell(target: string, cwd: string): ResolvedSpell {
  const full = path.resolve(cwd, target);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new SpellNotFound(`no spell at ${target}: the file or folder does not exist`);
  }
  const entryPath = stat.isDirectory() ? path.join(full, 'main.lua') : full;
  if (stat.isDirectory() && !safeIsFile(entryPath)) {
    throw new SpellNotFound(`${target} is a folder without main.lua`);
  }
  if (!entryPath.endsWith('.lua')) {
    throw new SpellNotFound(`${target}: only Lua spells (.lua) can run yet`);
  }
  const code = readFileSync(entryPath, 'utf8');
  const name = stat.isDirectory() ? path.basename(full) : path.basename(full, '.lua');
  // A folder's errors read `hello/main.lua:3: ...`, a file's `hello.lua:3: ...`.
  const fileName = stat.isDirectory() ? `${path.basename(full)}/main.lua` : path.basename(full);
  return { name, entryPath, source: { engine: 'lua', fileName, code } };
}

function safeIsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
