import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { BootOptions } from './engine-boot';
import { CODE_CACHE_ENV } from './code-cache-env';

/** A cache of another build unchanged this long is removed (see save). */
const STALE_MS = 7 * 24 * 3600 * 1000;

/** What dist/engine.cjs exports (engine-script.ts). */
interface EngineScript {
  start(options: BootOptions): Promise<void>;
}

export interface LoadedEngine {
  start(): Promise<void>;
}

/**
 * Loads the engine as one CommonJS script (dist/engine.cjs, beside this file) compiled from V8's code
 * cache: an ES module cannot use a code cache on Node 20, and compiling the engine's bundle is a large
 * part of its boot. The cache is kept in the folder the host names (CODE_CACHE_ENV), under the
 * script's digest (dist/engine.cjs.id), the runtime's version and the process's flags: V8 refuses a
 * cache made under other flags, so the engine process makes its own, once booted and idle, when it
 * had none or V8 refused it. Returns undefined when the script cannot be loaded (missing, or a runtime
 * without what is needed here): the caller boots from the ES module bundle instead.
 *
 * Trust: the folder is the user's own cache folder (the one bin/llmspell.js keeps the CLI's cache
 * in): whoever can write there can already change what the user's shell runs. A spell never reaches
 * it: the cache is read before, and written after the boot but before any run in this process, and a
 * spell has no file system. V8 checks a cache against the source (length) and its own version and
 * flags, and compiles from source when it does not match.
 */
export function loadEngineScript(): LoadedEngine | undefined {
  const script = fileURLToPath(new URL('engine.cjs', import.meta.url));
  let bytes: Buffer;
  let id: string;
  try {
    bytes = readFileSync(script);
    id = readFileSync(`${script}.id`, 'utf8').trim();
  } catch {
    return undefined;
  }
  // wasmoon's glue is bundled in: it would look for its .wasm beside the script.
  const luaWasm = createRequire(script).resolve('wasmoon/dist/glue.wasm');
  const cacheDir = process.env[CODE_CACHE_ENV] || undefined;
  const cacheFile = cacheDir && path.join(cacheDir, `engine-${id}-${cacheKey()}.bin`);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // first boot of this build: compiled from source, cached once idle
  }
  // The build writes the script in ASCII: read as such it is a one-byte string (cheaper to make and
  // to compile than the two-byte string UTF-8 decoding gives). It is one function expression: the
  // build wraps the bundle (scripts/build-runtime.mjs).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // No importModuleDynamically: the script has no import() (scripts/build-runtime.mjs checks), it calls __llmspellImport.
  const compiled = new vm.Script(source, { filename: script, cachedData });
  // Only a missing or refused cache is written; nothing here keeps the cache's bytes alive.
  let unsaved = cacheDir && cacheFile && (!cachedData || compiled.cachedDataRejected) ? compiled : undefined;
  cachedData = undefined;
  const module = { exports: {} as EngineScript };
  (compiled.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(script),
    module,
    script,
    path.dirname(script),
    pathToFileURL(script).href,
    // The script's import(): on Node 20 code compiled from a cache cannot import() itself.
    (specifier: string) => import(specifier),
  );
  const save = (): void => {
    const from = unsaved;
    unsaved = undefined;
    if (!from || !cacheDir || !cacheFile) return;
    try {
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, from.createCachedData());
      renameSync(partial, cacheFile);
      // Caches of other builds of the engine go once unchanged for a week: another installed copy (a
      // project's own llmspell beside a global one) may still use its own, which it does not rewrite.
      const old = Date.now() - STALE_MS;
      for (const name of readdirSync(cacheDir)) {
        if (!name.startsWith('engine-') || name.startsWith(`engine-${id}-`) || !name.endsWith('.bin')) continue;
        const other = path.join(cacheDir, name);
        if (statSync(other).mtimeMs < old) rmSync(other, { force: true });
      }
    } catch {
      // a read-only or full cache folder: no cache, the same engine
    }
  };
  return { start: () => module.exports.start({ onIdle: save, luaWasm }) };
}

/**
 * What V8 checks a cache against besides the source: its version and the process's flags (given on
 * the command line or through NODE_OPTIONS). One cache file per combination, so processes started
 * with different heap sizes do not keep replacing each other's.
 */
function cacheKey(): string {
  const text = [process.versions.v8, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  let hash = 0x811c9dc5; // FNV-1a, 32 bits: a name, not a check (V8 does the checking)
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${process.version}-${process.arch}-${hash.toString(16).padStart(8, '0')}`;
}
