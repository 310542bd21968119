import { engineEnvironment, engineExecArgv } from '../security/engine-env';
import { engineEntryPath } from './engine-entry';
import type { EngineSpawnOptions } from './transport';

/** How every engine process is started: the bundled entry, a scrubbed environment, hardened flags. */
export function engineSpawnOptions(entry = engineEntryPath()): EngineSpawnOptions {
  return { entry, env: engineEnvironment(process.env), execArgv: engineExecArgv(), serviceName: 'llmspell engine' };
}
