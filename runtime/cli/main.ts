import type { CliContext } from './command';
import type { EngineProcess } from '../host/transport';
import { COMMANDS } from './commands';
import { VERSION } from './build-info';
import { EXIT, UsageError } from './usage-error';

/** The overview: loads every command for its summary (help is never on a hot path). */
async function helpText(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `llmspell ${VERSION}: run LLM spells written in Lua, JavaScript and Tengo\n\nusage: llmspell <command> [options]\n\ncommands:\n${lines.join('\n')}\n  ${'help'.padEnd(width)}  show this help, or a command's usage: llmspell help <command>\n\nglobal options: --version, --help\n`;
}

const findCommand = (name: string | undefined) => COMMANDS.find((c) => c.name === name);

/** The `llmspell` command line. Returns the exit code: 0 ok, 1 spell failed, 2 usage error. */
export async function main(argv: string[], ctx: CliContext = defaultContext(), extras: { prestarted?: EngineProcess[] } = {}): Promise<number> {
  ctx.prestarted ??= extras.prestarted;
  try {
    return await dispatch(argv, ctx);
  } finally {
    // An engine started ahead of time that no run took (a usage error, say) must not linger.
    for (const engine of ctx.prestarted?.splice(0) ?? []) engine.kill('SIGKILL');
  }
}

async function dispatch(argv: string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
      const named = findCommand(rest[0]);
      ctx.stdout.write(named ? `${(await named.load()).usage}\n` : await helpText());
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === '--version' || first === '-V') return await (await findCommand('version')!.load()).run([], ctx);
    const entry = findCommand(first);
    if (!entry) throw new UsageError(`unknown command '${first}'`, 'usage: llmspell <command> [options]; see llmspell help');
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.stdout.write(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr.write(`llmspell: ${error.message}\n${error.usage ? `${error.usage}\n` : ''}`);
      return EXIT.usage;
    }
    ctx.stderr.write(`llmspell: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}

function defaultContext(): CliContext {
  return { cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
