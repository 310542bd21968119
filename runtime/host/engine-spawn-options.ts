import { engineEnvironment, engineExecArgv } from '../security/engine-env';
import { engineEntryPath } from './engine-entry';
import { ONE_SHOT_ENV } from './one-shot';
import type { EngineSpawnOptions } from './transport';


/** How every engine process is started: the bundled entry, a scrubbed environment, hardened flags. */
export function engineSpawnOptions(entry = engineEntryPath(), options: { oneShot?: boolean } = {}): EngineSpawnOptions {
  const env = engineEnvironment(process.env);
  if (options.oneShot) env[ONE_SHOT_ENV] = '1';
  return { entry, env, execArgv: engineExecArgv(), serviceName: 'llmspell engine' };
}
