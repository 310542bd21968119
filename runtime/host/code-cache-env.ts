import os from 'node:os';
import path from 'node:path';

/**
 * Environment variable naming the folder where an engine process keeps V8's code cache of its script
 * (engine-script-loader.ts). The host sets it: an engine process has a scrubbed environment and no
 * home. Unset, the engine compiles its script from source every time.
 */
export const CODE_CACHE_ENV = 'LLMSPELL_ENGINE_CODE_CACHE';

/** The user's cache folder for compiled code, the one bin/llmspell.js keeps the CLI's cache in. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'llmspell', 'code-cache');
  } catch {
    return undefined; // no home directory: no cache
  }
}
