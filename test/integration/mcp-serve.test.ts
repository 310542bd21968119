/**
 * `llmspell mcp serve` driven by the MCP SDK's own client, over stdio and over streamable HTTP:
 * list the spells as tools, call one (printed text + returned table), a failing spell, bad
 * arguments, progress, cancellation (the run stops), and the bearer token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempWorkspace } from '../helpers/cli';
import { isAlive } from '../helpers/processes';

const ws = tempWorkspace('llmspell-mcp-serve-');
const home = path.join(ws.dir, 'home');
// Each spell has its own storage namespace: the ticker's files are under storage/spells/ticker.
const ticks = path.join(home, 'storage', 'spells', 'ticker', 'ticks.txt');

function spell(name: string, manifest: string, code: string): void {
  const dir = path.join(ws.dir, 'spells', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 1.0.0\n${manifest}`);
  writeFileSync(path.join(dir, 'main.lua'), code);
}

beforeAll(() => {
  spell(
    'greet',
    'description: Greets someone.\nparameters:\n  name: { type: string, required: true, description: Who to greet }\n  times: { type: integer, default: 1, min: 1, max: 3 }\n',
    'for _ = 1, params.times do print("hello " .. params.name) end\nreturn { greeted = params.name, count = params.times }\n',
  );
  spell('broken', 'description: Always fails.\n', 'print("trying")\nerror("the spell broke")\n');
  // Writes a tick to its storage every 50 ms, so a test can see whether it still runs.
  spell(
    'ticker',
    'description: Ticks for a long time.\npermissions:\n  storage: true\n',
    'local n = 0\nwhile true do n = n + 1; storage.write("ticks.txt", tostring(n)); print("tick " .. n); async.sleep(0.05) end\n',
  );
});
afterAll(() => ws.cleanup());

const env = () => ({ PATH: process.env.PATH ?? '', HOME: ws.dir, LLMSPELL_HOME: home, MOCK_LLM: 'true' });

async function exercise(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(['broken', 'greet', 'ticker']);
  expect(tools[1]).toEqual({
    name: 'greet',
    description: 'Greets someone.',
    inputSchema: {
      type: 'object',
      properties: { name: { type: 'string', description: 'Who to greet' }, times: { type: 'integer', default: 1, minimum: 1, maximum: 3 } },
      required: ['name'],
      additionalProperties: false,
    },
  });

  const greeted = await client.callTool({ name: 'greet', arguments: { name: 'Ada', times: 2 } });
  expect(greeted).toEqual({ content: [{ type: 'text', text: 'hello Ada\nhello Ada\n' }], structuredContent: { greeted: 'Ada', count: 2 } });

  const broken = await client.callTool({ name: 'broken', arguments: {} });
  expect(broken.isError).toBe(true);
  expect(broken.content).toEqual([{ type: 'text', text: 'trying\nbroken/main.lua:2: the spell broke' }]);

  const bad = await client.callTool({ name: 'greet', arguments: { times: 7 } }).catch((error: unknown) => error);
  expect(bad).toBeInstanceOf(McpError);
  expect((bad as McpError).code).toBe(ErrorCode.InvalidParams);
  expect((bad as McpError).message).toBe(
    "MCP error -32602: invalid arguments for greet: parameter 'times': expected an integer at most 3, got 7; missing required parameter 'name' (Who to greet): add name=...",
  );

  // Progress while it runs; cancelling the request stops the run.
  const controller = new AbortController();
  const progress: string[] = [];
  const call = client.callTool({ name: 'ticker', arguments: {} }, undefined, {
    signal: controller.signal,
    onprogress: (p) => {
      progress.push(p.message ?? '');
      if (progress.length === 3) controller.abort('enough');
    },
  });
  await expect(call).rejects.toThrow('enough');
  expect(progress).toEqual(['tick 1', 'tick 2', 'tick 3']);
  await waitFor(() => existsSync(ticks));
  // Give the stop a moment to reach the engine, then the count must stay where it is.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stoppedAt = readFileSync(ticks, 'utf8');
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(readFileSync(ticks, 'utf8')).toBe(stoppedAt);

  // The server goes on serving.
  expect((await client.callTool({ name: 'greet', arguments: { name: 'Bo' } })).structuredContent).toEqual({ greeted: 'Bo', count: 1 });
}

describe('llmspell mcp serve', () => {
  it('serves spells over stdio to the SDK client', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', 'spells'], cwd: ws.dir, env: env(), stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    const pid = transport.pid!;
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
    await waitFor(() => !isAlive(pid));
    expect(stderr).toBe('llmspell mcp: serving 3 spells over stdio: broken, greet, ticker\n');
  }, 60_000);

  it('serves spells over streamable HTTP with a bearer token', async () => {
    // No spells named: the library's (the project's spells/ folder).
    const server = spawn(process.execPath, [CLI, 'mcp', 'serve', '--http', '0', '--token', 'test-token-123'], {
      cwd: ws.dir,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await announcedUrl(server);
      const denied = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' }, body: '{}' });
      expect(denied.status).toBe(401);
      const client = new Client({ name: 'test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: 'Bearer test-token-123' } } }));
      try {
        await exercise(client);
      } finally {
        await client.close();
      }
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
    }
    expect(server.exitCode).toBe(0);
  }, 60_000);
});

function announcedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      text += d;
      const match = /at (http:\/\/\S+\/mcp) /.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('close', () => reject(new Error(`mcp serve exited: ${text}`)));
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
