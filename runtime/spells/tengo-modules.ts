/**
 * Spell-local Tengo source modules (`import("./util")`): the engine process reads no files, so the
 * worker asks the host with the `tengo.source` RPC. Only `.tengo` files inside the spell's own folder
 * (or next to a single-file spell) are served, each at most MAX_MODULE_BYTES; symlinks that lead out
 * are refused like `..`.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BridgeError, ErrorCode } from '../contract/error-codes';
import type { BridgeHandlers } from '../bridges/types';
import type { ResolvedSpell } from './resolve-spell';

export const MAX_MODULE_BYTES = 1024 * 1024;

/**
 * Handlers for one run: `root` is the folder modules must stay in; `entryName` is the file name the
 * run's code is shown as (errors, `from` of its imports) and `entryFile` where it is on disk.
 */
export function tengoSourceHandlers(root: string, entryName: string, entryFile: string): BridgeHandlers {
  const realRoot = realpathSync(root);
  // Display name → file on disk, for the files imported so far (a module's own imports resolve next to it).
  const files = new Map<string, string>([[entryName, entryFile]]);
  return {
    /** `tengo.source(name, from)` → `{file, source}` of the module, or null when there is none. */
    'tengo.source': async (args) => {
      const [name, from] = args;
      if (typeof name !== 'string' || typeof from !== 'string') throw new BridgeError('tengo.source: bad arguments', ErrorCode.BadArgument);
      const fromFile = files.get(from);
      if (!fromFile) throw new BridgeError(`tengo.source: unknown importing file ${from}`, ErrorCode.BadArgument);
      const rel = name.endsWith('.tengo') ? name : `${name}.tengo`;
      const file = path.resolve(path.dirname(fromFile), rel);
      let real: string;
      try {
        real = realpathSync(file);
      } catch {
        return null;
      }
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new BridgeError(`module '${name}' is outside the spell's folder`, ErrorCode.BadArgument);
      if (!statSync(real).isFile()) return null;
      if (statSync(real).size > MAX_MODULE_BYTES) throw new BridgeError(`module '${name}' is larger than ${MAX_MODULE_BYTES / 1024} KB`, ErrorCode.BadArgument);
      const display = path.posix.normalize(path.posix.join(path.posix.dirname(from), rel));
      files.set(display, file);
      return { file: display, source: readFileSync(real, 'utf8') };
    },
  };
}

/** The handlers a run of `spell` needs: a Tengo spell's modules come from its folder (a test file's, next to it). */
export function tengoModuleHandlers(spell: ResolvedSpell, mode: 'run' | 'test' = 'run'): BridgeHandlers {
  if (spell.source.engine !== 'tengo') return {};
  const entryDir = path.dirname(spell.entryPath);
  const file = mode === 'test' ? path.resolve(entryDir, spell.source.fileName) : spell.entryPath;
  return tengoSourceHandlers(spell.dir ?? entryDir, spell.source.fileName, file);
}
