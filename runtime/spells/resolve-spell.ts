import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpellSource } from '../contract/engine-protocol';
import { MANIFEST_FILE, type SpellEngine, type SpellManifest } from '../contract/spell-manifest';
import { collectJsModules } from './js-modules';
import { loadManifest } from './manifest-file';

/** A spell found on disk, ready to run. */
export interface ResolvedSpell {
  /** The manifest's name, else the folder's or file's name. */
  name: string;
  /** Absolute path of the entry file. */
  entryPath: string;
  /** The spell folder, when the spell is a folder. */
  dir?: string;
  engine: SpellEngine;
  /** The validated manifest, when the folder has a spell.yaml. */
  manifest?: SpellManifest;
  source: SpellSource;
}

/** Why a spell could not be loaded, with the path it concerns. */
export class SpellNotFound extends Error {
  override name = 'SpellNotFound';
}

/** Entry files looked for, in order, in a folder without a manifest. */
const DEFAULT_ENTRIES: [string, SpellEngine][] = [
  ['main.lua', 'lua'],
  ['main.js', 'javascript'],
  ['main.tengo', 'tengo'],
];

/**
 * Resolves a spell on disk: a `.lua`/`.js` file, or a spell folder with `spell.yaml` (validated; a
 * {@link ManifestError} lists every problem) or just `main.lua`/`main.js`. Reading a spell never
 * executes it.
 */
export function resolveSpell(target: string, cwd: string): ResolvedSpell {
  const full = path.resolve(cwd, target);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new SpellNotFound(`no spell at ${target}: the file or folder does not exist`);
  }
  if (!stat.isDirectory()) {
    const engine: SpellEngine | undefined = full.endsWith('.lua') ? 'lua' : full.endsWith('.js') ? 'javascript' : full.endsWith('.tengo') ? 'tengo' : undefined;
    if (!engine) throw new SpellNotFound(`${target}: a spell file must be .lua, .js or .tengo`);
    return withSource({ name: path.basename(full, path.extname(full)), entryPath: full, engine }, path.basename(full));
  }

  const folder = path.basename(full);
  const manifestPath = path.join(full, MANIFEST_FILE);
  if (existsSync(manifestPath)) {
    const manifest = loadManifest(manifestPath, `${folder}/${MANIFEST_FILE}`);
    const entryPath = path.join(full, manifest.entry);
    if (!isFile(entryPath)) throw new SpellNotFound(`${folder}/${MANIFEST_FILE}: the entry file ${manifest.entry} does not exist`);
    return withSource({ name: manifest.name, entryPath, dir: full, engine: manifest.engine, manifest }, `${folder}/${manifest.entry}`);
  }
  const found = DEFAULT_ENTRIES.find(([file]) => isFile(path.join(full, file)));
  if (!found) throw new SpellNotFound(`${target} is a folder without spell.yaml, main.lua, main.js or main.tengo`);
  const [file, engine] = found;
  return withSource({ name: folder, entryPath: path.join(full, file), dir: full, engine }, `${folder}/${file}`);
}

/** Adds the source; errors read `hello/main.lua:3: ...` for a folder, `hello.lua:3: ...` for a file. */
function withSource(spell: Omit<ResolvedSpell, 'source'>, fileName: string): ResolvedSpell {
  const code = readFileSync(spell.entryPath, 'utf8');
  const source: SpellSource = { engine: spell.engine, fileName, code };
  // A JavaScript spell folder brings its other modules along, for `import ... from './util.js'`.
  if (spell.engine === 'javascript' && spell.dir) {
    try {
      const modules = collectJsModules(spell.dir, path.basename(spell.dir), spell.entryPath);
      if (Object.keys(modules).length > 0) source.modules = modules;
    } catch (error) {
      throw new SpellNotFound((error as Error).message);
    }
  }
  return { ...spell, source };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
