import { engineEnvironment, engineExecArgv } from '../security/engine-env';
import { engineEntryPath } from './engine-entry';
import { ONE_SHOT_ENV } from './one-shot';
import { CODE_CACHE_ENV, codeCacheDir } from './code-cache-env';
import { runningAsSea, SEA_DIR_VAR, SEA_ROLE_VAR } from './sea';
import type { EngineSpawnOptions } from './transport';

/** How every engine process is started: the bundled entry, a scrubbed environment, hardened flags. */
export function engineSpawnOptions(entry = engineEntryPath(), options: { oneShot?: boolean } = {}): EngineSpawnOptions {
  const env = engineEnvironment(process.env);
  if (options.oneShot) env[ONE_SHOT_ENV] = '1';
  // The engine's compiled code is cached in the user's cache folder (see engine-script-loader.ts).
  const cacheDir = codeCacheDir();
  if (cacheDir) env[CODE_CACHE_ENV] = cacheDir;
  const execArgv = engineExecArgv();
  if (!runningAsSea()) return { entry, env, execArgv, serviceName: 'llmspell engine' };
  // The standalone binary forks itself: it reads no Node flags from its command line, so the same
  // hardening goes through NODE_OPTIONS (set here, never inherited: the environment is an allow-list),
  // and the role and unpacked folder through two variables of our own.
  return {
    entry,
    env: { ...env, NODE_OPTIONS: execArgv.join(' '), [SEA_ROLE_VAR]: 'engine', [SEA_DIR_VAR]: process.env[SEA_DIR_VAR] ?? '' },
    execArgv: [],
    serviceName: 'llmspell engine',
  };
}
