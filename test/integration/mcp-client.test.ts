/**
 * Spells use real MCP servers (server-everything and server-filesystem over stdio) through
 * `llmspell run`: tools.execute in Lua, JavaScript and Tengo, tools.list, mcp.resources/read/prompt,
 * an agent whose LLM (the local OpenAI-compatible server) asks for an MCP tool, a workflow tool
 * node, manifest permissions, `llmspell mcp list`, a crash mid-call, and no server left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { isAlive } from '../helpers/processes';

const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const FILESYSTEM = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js');

const ws = tempWorkspace('llmspell-mcp-client-');
const files = path.join(ws.dir, 'files');
const pidFile = path.join(ws.dir, 'everything.pids');
let llm: LlmServer;

beforeAll(async () => {
  llm = await startLlmServer();
  mkdirSync(files);
  writeFileSync(path.join(files, 'note.txt'), 'a note for the spell\n');
  // The shell records each server's pid, then becomes the server (exec keeps the pid).
  const everything = `echo $$ >> '${pidFile}'; exec '${process.execPath}' '${EVERYTHING}' stdio`;
  ws.write(
    'llmspell.yaml',
    [
      'mcp:',
      '  servers:',
      '    everything:',
      '      command: sh',
      `      args: ["-c", ${JSON.stringify(everything)}]`,
      '    fs:',
      `      command: ${JSON.stringify(process.execPath)}`,
      `      args: [${JSON.stringify(FILESYSTEM)}, ${JSON.stringify(files)}]`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await llm.close();
  ws.cleanup();
});

const env = (extra: Record<string, string> = {}) => ({ HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: 'true', ...extra });
const run = (file: string, extra: Record<string, string> = {}) => runCli(['run', file], { cwd: ws.dir, env: env(extra), timeoutMs: 40_000 });
const pids = () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);

describe('MCP servers as tools', () => {
  it('a Lua spell lists and calls their tools, reads resources and prompts; errors are nil, err', async () => {
    const file = ws.write(
      'use.lua',
      `
local names = {}
for _, t in ipairs(tools.list()) do names[t.name] = t end
print(names["everything.echo"] ~= nil, names["fs.read_text_file"] ~= nil, names["everything.echo"].parameters.required[1])
print(tools.execute("everything.echo", { message = "hi" }))
print(tools.execute("everything.get-sum", { a = 2, b = 3 }))
print(tools.execute("everything.get-sum", { a = "two" }))
local weather = tools.execute("everything.get-structured-content", { location = "Chicago" })
print(weather.temperature, weather.conditions)
print(tools.execute("fs.read_text_file", { path = ${JSON.stringify(path.join(files, 'note.txt'))} }).content)
local listing = tools.execute("fs.list_directory", { path = ${JSON.stringify(files)} })
print(listing.content)
print(tools.execute("fs.read_text_file", { path = "/etc/passwd" }))
print(table.concat(mcp.servers(), ","))
local resources = mcp.resources("everything")
print(#resources > 0, resources[1].uri)
local contents = mcp.read("everything", resources[1].uri)
print(contents[1].mime, #contents[1].text > 0)
local prompt = mcp.prompt("everything", "args-prompt", { city = "Paris" })
print(prompt.messages[1].role, prompt.messages[1].content)
print(mcp.resources("nope"))
print(tools.execute("nope.tool", {}))
`,
    );
    const result = await run(file);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('true\ttrue\tmessage');
    expect(lines[1]).toBe('Echo: hi');
    expect(lines[2]).toBe('The sum of 2 and 3 is 5.');
    expect(lines[3]).toMatch(/^nil\teverything\.get-sum: Input validation error: .*expected number, received string at a/);
    const rest = result.stdout.slice(result.stdout.indexOf('\n', result.stdout.indexOf('received undefined at b')) + 1).split('\n');
    expect(rest[0]).toMatch(/^\d+\t\S/);
    expect(rest[1]).toBe('a note for the spell');
    expect(rest[3]).toBe('[FILE] note.txt');
    expect(rest[4]).toMatch(/^nil\tfs\.read_text_file: .*access denied.*outside allowed directories/i);
    expect(rest[5]).toBe('everything,fs');
    expect(rest[6]).toMatch(/^true\tdemo:\/\//);
    expect(rest[7]).toBe('text/markdown\ttrue');
    expect(rest[8]).toBe("user\tWhat's weather in Paris?");
    expect(rest[9]).toBe("nil\tunknown MCP server 'nope' (configured: everything, fs)");
    expect(rest[10]).toBe("nil\tunknown tool 'nope.tool'");
  }, 60_000);

  it('JavaScript and Tengo spells call them too', async () => {
    const js = ws.write(
      'use.js',
      `console.log(await tools.execute("everything.echo", { message: "from js" }));
try { await tools.execute("everything.get-sum", { a: 1 }); } catch (e) { console.log("caught", e.message.split(":")[0]); }
console.log((await mcp.prompt("everything", "simple-prompt")).messages[0].content);`,
    );
    const tengo = ws.write('use.tengo', 'fmt := import("fmt")\ntools := import("tools")\nfmt.println(tools.execute("everything.get-sum", {a: 40, b: 2}))\n');
    const [a, b] = await Promise.all([run(js), run(tengo)]);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe('Echo: from js\ncaught everything.get-sum\nThis is a simple prompt without arguments.\n');
    expect(b.stderr).toBe('');
    expect(b.stdout).toBe('The sum of 40 and 2 is 42.\n');
  }, 60_000);

  it('an agent whose LLM asks for an MCP tool gets its result', async () => {
    llm.requests.length = 0;
    llm.enqueue({ toolCalls: [{ name: 'everything__get-sum', arguments: { a: 20, b: 22 } }] }, { content: 'The answer is 42.' });
    const file = ws.write(
      'agent.lua',
      `local agent = agents.new({ name = "adder", tools = { "everything.get-sum", "fs.list_allowed_directories" } })
print(agent:execute("What is 20 + 22?"))`,
    );
    const result = await run(file, { MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('The answer is 42.\n');
    const first = llm.requests[0]?.body as { tools: Array<{ function: { name: string; parameters: { required: string[] } } }> };
    // Providers accept [A-Za-z0-9_-] only: the dotted name travels as server__tool, with the server's schema.
    expect(first.tools.map((t) => t.function.name)).toEqual(['everything__get-sum', 'fs__list_allowed_directories']);
    expect(first.tools[0]!.function.parameters.required).toEqual(['a', 'b']);
    const second = llm.requests[1]?.body as { messages: Array<{ role: string; content: string }> };
    expect(second.messages.find((m) => m.role === 'tool')?.content).toBe('"The sum of 20 and 22 is 42."');
  }, 60_000);

  it('a workflow tool node calls an MCP tool', async () => {
    const file = ws.write('echo.workflow.yaml', 'name: echo\nnodes:\n  - { id: say, type: tool, config: { tool: everything.echo, params: { message: "from a workflow" } } }\n');
    const result = await run(file);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/✓ say \(tool\)/);
    expect(result.stdout).toContain('Echo: from a workflow');
  }, 60_000);

  it('a workflow agent node offers MCP tools to its LLM and calls them', async () => {
    llm.requests.length = 0;
    llm.enqueue({ toolCalls: [{ name: 'everything__get-sum', arguments: { a: 1, b: 41 } }] }, { content: 'It is 42.' });
    const file = ws.write('agent.workflow.yaml', 'name: adder\nnodes:\n  - { id: helper, type: agent, config: { prompt: "What is 1 + 41?", tools: [everything.get-sum] } }\n');
    const result = await run(file, { MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('It is 42.');
    const first = llm.requests[0]?.body as { tools: Array<{ function: { name: string } }> };
    expect(first.tools.map((t) => t.function.name)).toEqual(['everything__get-sum']);
    const second = llm.requests[1]?.body as { messages: Array<{ role: string; content: string }> };
    expect(second.messages.find((m) => m.role === 'tool')?.content).toContain('The sum of 1 and 41 is 42.');
  }, 60_000);

  it('a streamable HTTP server with a secret header: llmspell calls spells served by llmspell mcp serve --http', async () => {
    const served = path.join(ws.dir, 'served');
    mkdirSync(path.join(served, 'shout'), { recursive: true });
    writeFileSync(path.join(served, 'shout', 'spell.yaml'), 'name: shout\nversion: 1.0.0\ndescription: Shouts.\nparameters:\n  text: { type: string, required: true }\n');
    writeFileSync(path.join(served, 'shout', 'main.lua'), 'print(params.text:upper())\nreturn { loud = params.text:upper() }\n');
    const server = spawn(process.execPath, [CLI, 'mcp', 'serve', 'shout', '--http', '0', '--token', 'remote-token-42'], { cwd: served, env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      let announced = '';
      server.stderr.setEncoding('utf8').on('data', (d: string) => (announced += d));
      await until(() => /at http:\/\/\S+\/mcp /.test(announced));
      const url = /at (http:\/\/\S+\/mcp) /.exec(announced)![1]!;
      const client = path.join(ws.dir, 'http-client');
      mkdirSync(client, { recursive: true });
      writeFileSync(path.join(client, 'llmspell.yaml'), `mcp:\n  servers:\n    remote:\n      url: ${url}\n      headers: { Authorization: "Bearer \${REMOTE_TOKEN}" }\n`);
      const file = path.join(client, 'call.lua');
      writeFileSync(file, 'local r, err = tools.execute("remote.shout", { text = "hey" })\nprint(r and r.loud or err)\nprint(tools.execute("remote.shout", {}))\n');
      const ok = await runCli(['run', file], { cwd: client, env: env({ REMOTE_TOKEN: 'remote-token-42' }), timeoutMs: 40_000 });
      expect(ok.stderr).toBe('');
      expect(ok.stdout).toBe("HEY\nnil\tMCP server 'remote': the call to 'shout' failed: invalid arguments for shout: missing required parameter 'text': add text=...\n");
      const denied = await runCli(['run', file], { cwd: client, env: env({ REMOTE_TOKEN: 'wrong' }), timeoutMs: 40_000 });
      // Its tools could not be listed (401), so the run has none of them.
      expect(denied.stdout).toBe("unknown tool 'remote.shout'\nnil\tunknown tool 'remote.shout'\n");
      const listed = await runCli(['mcp', 'list'], { cwd: client, env: env({ REMOTE_TOKEN: 'wrong' }), timeoutMs: 40_000 });
      expect(listed.stdout).toMatch(/^remote \(http\) failed: MCP server 'remote': connecting failed: .*missing or wrong bearer token/);
      expect(listed.code).toBe(1);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
    }
  }, 90_000);

  it('a manifest reaches only the servers it declares', async () => {
    const dir = path.join(ws.dir, 'only-fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: only-fs\nversion: 1.0.0\npermissions:\n  mcp: [fs]\n');
    writeFileSync(
      path.join(dir, 'main.lua'),
      `local seen = {}
for _, t in ipairs(tools.list()) do local server = t.name:match("^(%w+)%.") if server then seen[server] = true end end
print(seen.fs == true, seen.everything == nil, table.concat(mcp.servers(), ","))
print(tools.execute("everything.echo", { message = "x" }))
print(mcp.resources("everything"))
print(type(tools.execute("fs.list_allowed_directories", {})))`,
    );
    const result = await run(dir);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'true\ttrue\tfs',
      // Not in this run's tools at all; the host would refuse it too (the guard's message is below).
      "nil\tunknown tool 'everything.echo'",
      "nil\tpermission denied: the manifest of 'only-fs' does not grant the MCP server 'everything' (add to spell.yaml: permissions: { mcp: [everything] })",
      'table',
      '',
    ]);
  }, 60_000);

  it('llmspell mcp list shows the servers, their state and tools', async () => {
    const result = await runCli(['mcp', 'list'], { cwd: ws.dir, env: env(), timeoutMs: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^everything \(stdio\) ready\n {2}everything\.echo {2}Echoes back the input string\n/);
    expect(result.stdout).toMatch(/\nfs \(stdio\) ready\n(.*\n)* {2}fs\.read_text_file {2}/);
  }, 60_000);

  it('a server that crashes mid-call gives a clear error, and the next call works', async () => {
    const before = pids().length;
    const file = ws.write(
      'crash.lua',
      `print(tools.execute("everything.echo", { message = "started" }))
print("calling")
print(tools.execute("everything.trigger-long-running-operation", { duration = 30, steps = 30 }))
print(tools.execute("everything.echo", { message = "after the crash" }))`,
    );
    const child = spawn(process.execPath, [CLI, 'run', file], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => stdout.includes('calling') && pids().length > before);
    await new Promise((resolve) => setTimeout(resolve, 800)); // the long call is in flight
    const first = pids()[before]!;
    process.kill(first, 'SIGKILL');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Echo: started');
    expect(lines[2]).toMatch(/^nil\tMCP server 'everything' stopped during the call to 'trigger-long-running-operation'.*; it is restarted for the next call$/);
    expect(lines[3]).toBe('Echo: after the crash');
    // The restarted server is gone too once the CLI exited.
    const all = pids().slice(before);
    expect(all.length).toBe(2);
    for (const pid of all) expect(isAlive(pid)).toBe(false);
  }, 60_000);

  it('a call ends with its run: the time limit of the run cancels it', async () => {
    const file = ws.write('slow.lua', 'print(tools.execute("everything.trigger-long-running-operation", { duration = 60, steps = 60 }))\n');
    const started = Date.now();
    const result = await runCli(['run', file, '--timeout', '3'], { cwd: ws.dir, env: env(), timeoutMs: 40_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/time limit \(3 s\)/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('no server outlives the CLI, even when it is interrupted mid-call', async () => {
    const before = pids().length;
    const file = ws.write('long.lua', 'print("calling")\nprint(tools.execute("everything.trigger-long-running-operation", { duration = 30, steps = 30 }))\n');
    const child = spawn(process.execPath, [CLI, 'run', file], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => stdout.includes('calling') && pids().length > before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    await exited;
    const pid = pids()[before]!;
    await until(() => !isAlive(pid), 5000);
    expect(isAlive(pid)).toBe(false);
  }, 60_000);
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
