/**
 * `llmspell run` alone: the entry of dist/cli.cjs, the script bin/llmspell.js compiles from V8's code
 * cache for a run. It holds the run command and what a run may load, not every other command (the
 * studio, batch, pack, ...): half the bytes to read, a smaller cache to load. Anything but `run`
 * goes through the full CLI (dist/cli.js).
 */
import type { CliContext } from './command';
import type { CommandEntry } from './commands';
import { runCommandLine, type CommandSet } from './dispatch';
import type { EngineProcess } from '../host/transport';
import { runCommand } from './commands/run';

const RUN: CommandEntry = { name: 'run', load: () => Promise.resolve(runCommand) };

const ONLY_RUN: CommandSet = {
  find: (name) => (name === 'run' ? RUN : undefined),
  // never reached: bin/llmspell.js loads this script for `llmspell run ...` only
  helpText: () => Promise.resolve('usage: llmspell run <spell>; see llmspell help\n'),
};

/** `llmspell run ...` (argv[0] is `run`). Returns the exit code like the full CLI's `main`. */
export function main(argv: string[], ctx?: CliContext, extras: { prestarted?: EngineProcess[] } = {}): Promise<number> {
  return runCommandLine(ONLY_RUN, argv, ctx, extras);
}
