/**
 * `llmspell mcp list`: the configured MCP servers, their state and tools.
 * `llmspell mcp serve [spell|folder ...] [--http PORT]`: spells as MCP tools, over stdio (for a
 * client that starts llmspell itself) or streamable HTTP with a bearer token.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, llmspellHome, loadConfig, type LoadedConfig } from '../../config';
import { Supervisor } from '../../host/supervisor';
import type { McpHub } from '../../mcp/mcp-hub';
import { serveHttp } from '../../services/mcp-serve/http-serve';
import { createSpellServer, type SpellRunner } from '../../services/mcp-serve/spell-server';
import { collectSpellTools } from '../../services/mcp-serve/spell-tools';
import { runSpell } from '../../services/run-spell';
import { ManifestError } from '../../spells/manifest-problems';
import { SpellNotFound } from '../../spells/resolve-spell';
import { parseCommandArgs } from '../args';
import type { CliContext, Command } from '../command';
import { openMcpHub } from '../mcp-hub';
import { checkRunConsent } from '../run-consent';
import { openLibrary } from '../open-library';
import { EXIT, UsageError } from '../usage-error';

const usage = `usage: llmspell mcp list [--json]
       llmspell mcp serve [spell | folder ...] [--http PORT [--host H] [--token T]]
         serve: spells (default: the library) as MCP tools over stdio, or over HTTP at /mcp with a
         bearer token (--token, else $LLMSPELL_MCP_TOKEN, else a random one printed on stderr)`;

export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'MCP: list the configured servers and their tools, or serve spells as MCP tools',
  usage,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'list') return list(rest, ctx);
    if (sub === 'serve') return serve(rest, ctx);
    throw new UsageError(sub ? `unknown mcp command '${sub}'` : 'which mcp command? list or serve', usage);
  },
};

function config(ctx: CliContext): LoadedConfig {
  try {
    return loadConfig({ cwd: ctx.cwd, env: ctx.env });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`);
    throw error;
  }
}

async function list(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
  if (positionals.length) throw new UsageError('mcp list takes no arguments', usage);
  const hub = await openMcpHub(config(ctx).config, ctx);
  if (!hub) {
    if (values.json) ctx.stdout.write('[]\n');
    else ctx.stdout.write('no MCP servers configured (add mcp.servers to llmspell.yaml or ~/.llmspell/config.yaml)\n');
    return EXIT.ok;
  }
  try {
    const servers = await hub.status(true);
    if (values.json) {
      ctx.stdout.write(`${JSON.stringify(servers, null, 2)}\n`);
    } else {
      for (const s of servers) {
        ctx.stdout.write(`${s.name} (${s.kind}) ${s.state}${s.error ? `: ${s.error}` : ''}\n`);
        for (const tool of s.tools ?? []) ctx.stdout.write(`  ${s.name}.${tool.name}${tool.description ? `  ${firstLine(tool.description)}` : ''}\n`);
      }
    }
    return servers.some((s) => s.error) ? EXIT.failed : EXIT.ok;
  } finally {
    await hub.close();
  }
}

async function serve(args: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { http: { type: 'string' }, host: { type: 'string' }, token: { type: 'string' } }, usage);
  const loaded = config(ctx);
  const port = values.http === undefined ? undefined : Number(values.http);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--http must be a port number, got ${values.http}`, usage);
  if (port === undefined && (values.host || values.token)) throw new UsageError('--host and --token go with --http', usage);
  let tools;
  try {
    tools = collectSpellTools(positionals, ctx.cwd, () => openLibrary(ctx, loaded.config));
  } catch (error) {
    if (error instanceof SpellNotFound) throw new UsageError(error.message, usage);
    if (error instanceof ManifestError) throw new UsageError(`invalid manifest:\n${error.message}`);
    throw error;
  }
  if (tools.length === 0) throw new UsageError('no spells to serve: name spells or folders, or add spells to the library', usage);

  const supervisor = new Supervisor({ poolSize: 1 });
  const mcp: McpHub | undefined = await openMcpHub(loaded.config, ctx);
  const home = llmspellHome(ctx.env);
  const notice = (text: string) => ctx.stderr.write(`${text}\n`);
  const run: SpellRunner = async (tool, params, { signal, onEvent }) => {
    let stop: ((reason?: string) => void) | undefined;
    const cancel = () => stop?.('cancelled by the MCP client');
    signal.addEventListener('abort', cancel, { once: true });
    try {
      // A revoked approval, or permissions beyond the approved ones, stop the call: nobody is at a terminal to ask.
      const refusal = await checkRunConsent({ dir: tool.spell.dir, home, grant: false }).then(
        () => undefined,
        (error: unknown) => (error instanceof UsageError ? `${error.message}; ${error.usage ?? ''}` : undefined),
      );
      if (refusal) return { runId: randomUUID(), ok: false, error: { code: 'consent_required', message: refusal }, durationMs: 0 };
      const { outcome } = await runSpell({ spell: tool.spell, params, loaded, home, supervisor, onEvent, notice, ...(mcp ? { mcp } : {}), onStart: (fn) => (stop = fn) });
      return outcome;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  };
  const newServer = () => createSpellServer(tools, run);

  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const onSignal = () => finished();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let closeTransport: () => Promise<void>;
  try {
    if (port === undefined) {
      // stdout is the MCP channel from here on: everything else goes to stderr.
      const transport = new StdioServerTransport(ctx.stdin as NodeJS.ReadStream | undefined, ctx.stdout as NodeJS.WriteStream);
      const server = newServer();
      server.onclose = () => finished();
      ctx.stdin?.once('end', () => finished());
      await server.connect(transport);
      closeTransport = () => server.close();
      notice(`llmspell mcp: serving ${tools.length} spell${tools.length === 1 ? '' : 's'} over stdio: ${tools.map((t) => t.name).join(', ')}`);
    } else {
      const token = values.token ?? ctx.env.LLMSPELL_MCP_TOKEN ?? randomBytes(24).toString('base64url');
      const http = await serveHttp({ port, host: values.host ?? '127.0.0.1', token, newServer });
      closeTransport = () => http.close();
      const shown = values.token || ctx.env.LLMSPELL_MCP_TOKEN ? '(the token you gave)' : token;
      notice(`llmspell mcp: serving ${tools.length} spell${tools.length === 1 ? '' : 's'} at ${http.url} (bearer token: ${shown}): ${tools.map((t) => t.name).join(', ')}`);
    }
    await done;
    await closeTransport();
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all([supervisor.close(), mcp?.close()]);
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
