import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SpellLibrary } from './library/spell-library';
import { readParamsFile, resolveParams } from './parameters';
import { resolveSpell, SpellNotFound, type ResolvedSpell } from './resolve-spell';

/** Engines the engine process can run today; the others are listed and validated, not run. */
const RUNNABLE_ENGINES = new Set(['lua', 'javascript', 'tengo']);

/** What `llmspell run` was given besides the spell. */
export interface PrepareRunOptions {
  /** `key=value` arguments after the spell. */
  pairs?: string[];
  /** `--params file.json`, relative to `cwd`. */
  paramsFile?: string;
  /** Typed values given directly (the studio's run form); checked like the values of a params file. */
  params?: Record<string, unknown>;
  cwd: string;
  /** The library to look a name up in, made only when the target is not a path. */
  library?: () => SpellLibrary;
}

/** A spell ready to hand to the supervisor, with its checked params. */
export interface PreparedRun {
  spell: ResolvedSpell;
  params: Record<string, unknown>;
}

/**
 * Everything `llmspell run` does before an engine starts: finds the spell (a path, else a name in
 * the library), validates its manifest, reads `--params` and checks every parameter against the
 * manifest. Throws SpellNotFound, ManifestError or ParamsError with every problem found.
 */
export function prepareRun(target: string, options: PrepareRunOptions): PreparedRun {
  const spell = resolveSpell(locateSpell(target, options.cwd, options.library), options.cwd);
  const file = options.paramsFile === undefined ? options.params : readParamsFile(options.paramsFile, options.cwd);
  const params = resolveParams(spell.manifest?.parameters, { pairs: options.pairs ?? [], file });
  if (!RUNNABLE_ENGINES.has(spell.engine)) {
    throw new SpellNotFound(`${spell.name} is a ${spell.engine} spell; only Lua, JavaScript and Tengo spells run`);
  }
  return { spell, params };
}

/**
 * The path of the spell `target` names: an existing file or folder (relative to `cwd`) wins;
 * otherwise a name is looked up in the library. Reading the library never executes a spell.
 */
export function locateSpell(target: string, cwd: string, library?: () => SpellLibrary): string {
  const full = path.resolve(cwd, target);
  if (existsSync(full)) return full;
  const isName = /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(target) && !/\.(lua|js)$/.test(target);
  if (isName && library) {
    const lib = library();
    const found = lib.find(target);
    if (found) return found.path;
    const folders = lib.folders.map((f) => f.path).join(', ');
    throw new SpellNotFound(`no spell named ${target}: not a file or folder here, and not in the library (${folders})`);
  }
  throw new SpellNotFound(`no spell at ${target}: the file or folder does not exist`);
}
