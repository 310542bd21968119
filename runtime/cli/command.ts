import type { EngineProcess } from '../host/transport';

/** What a command needs from the world; passed in so tests can drive commands directly. */
export interface CliContext {
  /** Engine processes started before the CLI loaded (see bin/llmspell.js). */
  prestarted?: EngineProcess[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One `llmspell <name>` command: one file, one line in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `llmspell help`. */
  summary: string;
  usage: string;
  run(args: string[], ctx: CliContext): Promise<number>;
}
