import type { CliContext } from './command';
import type { CommandEntry } from './commands';
import type { EngineProcess } from '../host/transport';
import { EXIT, UsageError } from './usage-error';

/** What the command line dispatches over: the full CLI knows every command, `llmspell run`'s script one. */
export interface CommandSet {
  find(name: string | undefined): CommandEntry | undefined;
  /** The overview for `llmspell help` (loads every command for its summary). */
  helpText(): Promise<string>;
}

/** The `llmspell` command line over `commands`. Returns the exit code: 0 ok, 1 spell failed, 2 usage error. */
export async function runCommandLine(
  commands: CommandSet,
  argv: string[],
  ctx: CliContext = defaultContext(),
  extras: { prestarted?: EngineProcess[] } = {},
): Promise<number> {
  ctx.prestarted ??= extras.prestarted;
  try {
    return await dispatch(commands, argv, ctx);
  } finally {
    // An engine started ahead of time that no run took (a usage error, say) must not linger.
    for (const engine of ctx.prestarted?.splice(0) ?? []) engine.kill('SIGKILL');
  }
}

async function dispatch(commands: CommandSet, argv: string[], ctx: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
      const named = commands.find(rest[0]);
      ctx.stdout.write(named ? `${(await named.load()).usage}\n` : await commands.helpText());
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === '--version' || first === '-V') return await (await commands.find('version')!.load()).run([], ctx);
    const entry = commands.find(first);
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
  return {
    cwd: process.cwd(),
    env: process.env,
    // made on first use: process.stdin costs ≈ 2.5 ms, and most runs never read (see stdin-input.ts)
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
