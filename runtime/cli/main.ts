import type { CliContext } from './command';
import type { EngineProcess } from '../host/transport';
import { COMMANDS } from './commands';
import { VERSION } from './build-info';
import { runCommandLine, type CommandSet } from './dispatch';

/** The overview: loads every command for its summary (help is never on a hot path). */
async function helpText(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `llmspell ${VERSION}: run LLM spells written in Lua, JavaScript and Tengo\n\nusage: llmspell <command> [options]\n\ncommands:\n${lines.join('\n')}\n  ${'help'.padEnd(width)}  show this help, or a command's usage: llmspell help <command>\n\nglobal options: --version, --help\n`;
}

const EVERY_COMMAND: CommandSet = { find: (name) => COMMANDS.find((c) => c.name === name), helpText };

/** The `llmspell` command line. Returns the exit code: 0 ok, 1 spell failed, 2 usage error. */
export function main(argv: string[], ctx?: CliContext, extras: { prestarted?: EngineProcess[] } = {}): Promise<number> {
  return runCommandLine(EVERY_COMMAND, argv, ctx, extras);
}
