/**
 * The standalone `llmspell` binary is a Node single executable application (SEA): one file whose
 * main script unpacks the bundled runtime once and runs it (runtime/host/sea-main.ts). Its engine
 * processes are the same binary started again with SEA_ROLE_VAR=engine, because a SEA ignores the
 * script path and Node flags that `child_process.fork` puts on its command line.
 */
import { isSea } from 'node:sea';

/** Environment variable that makes the binary start as an engine process instead of the CLI. */
export const SEA_ROLE_VAR = 'LLMSPELL_SEA_ROLE';
/** Environment variable naming the folder the binary unpacked its runtime into. */
export const SEA_DIR_VAR = 'LLMSPELL_SEA_DIR';

/** True inside the standalone binary. */
export function runningAsSea(): boolean {
  try {
    return isSea();
  } catch {
    return false; // a runtime without node:sea (older Node, Electron without it)
  }
}
