import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFolderTrust } from '../../runtime/config/trusted-folders';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const ws = tempWorkspace();
let web: TestHttpServer;
let llm: LlmServer;

beforeAll(async () => {
  web = await startHttpServer();
  llm = await startLlmServer();
  // The configuration allows private addresses, so only the manifest decides below. (A project
  // folder may widen the configuration only once trusted.)
  ws.write('llmspell.yaml', 'network:\n  allow_private: true\n');
  setFolderTrust(path.join(ws.dir, 'home'), ws.dir, true);
});
afterAll(async () => {
  await web.close();
  await llm.close();
  ws.cleanup();
});

let counter = 0;
/**
 * A spell folder with a manifest; `permissions` is the YAML of its permissions section: `''` writes
 * `permissions: {}` (declared, grants nothing), undefined writes no section at all.
 */
function spell(code: string, permissions?: string, extra = '') {
  const name = `perm-${++counter}`;
  mkdirSync(path.join(ws.dir, name), { recursive: true });
  const section = permissions === undefined ? '' : permissions === '' ? 'permissions: {}\n' : `permissions:\n${permissions}\n`;
  ws.write(`${name}/spell.yaml`, `name: ${name}\nversion: 1.0.0\n${section}${extra}`);
  ws.write(`${name}/main.lua`, code.replaceAll('{{WEB}}', web.url));
  return path.join(ws.dir, name);
}

const run = (dir: string, env: Record<string, string> = {}, args: string[] = []) =>
  runCli(['run', dir, ...args], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: 'true', ...env } });

describe('a manifest grants no more than its permissions', () => {
  it('denies the LLM, storage, network and built-in tools when nothing is granted', async () => {
    const result = await run(
      spell(`
        print(llm.chat("x"))
        print(storage.write("a.txt", "x"))
        print(http.get("{{WEB}}/hello"))
        print(tools.execute("calculator", { expression = "1+1" }))
        print(json.encode({ ok = true }))
      `, ''),
    );
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe("nil\tpermission denied: the manifest of 'perm-1' does not grant LLM access (add to spell.yaml: permissions: { llm: true })");
    expect(lines[1]).toContain('does not grant storage');
    expect(lines[2]).toContain('does not grant network access');
    expect(lines[3]).toContain("does not grant the built-in tool 'calculator'");
    expect(lines[4]).toBe('{"ok":true}');
    expect(result.code).toBe(0);
  });

  it('allows what is granted, and only that', async () => {
    const result = await run(
      spell(
        `
        print(llm.chat("hi"))
        print(storage.write("a.txt", "x"))
        print(http.get("{{WEB}}/hello"))
        print(tools.execute("calculator", { expression = "1+1" }))
        print(tools.execute("uuid", {}))
        print(tools.execute("file_list", {}))
      `,
        '  llm: true\n  storage: true\n  network: [127.0.0.1]\n  tools: [calculator, file_list]',
      ),
    );
    const lines = result.stdout.split('\n');
    expect(lines[0]).toContain('Mock LLM Response');
    // go-llmspell: storage.write returns nothing on success (an empty print), http.get the body.
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('hello world');
    expect(lines[3]).toBe('2');
    expect(lines[4]).toContain("does not grant the built-in tool 'uuid'");
    expect(lines[5]).not.toContain('permission denied');
  });

  it('checks network hosts, on every redirect too', async () => {
    const result = await run(
      spell(
        `
        print(http.get("{{WEB}}/hello"))
        print(http.get("http://localhost:${'{{PORT}}'}/hello"))
      `.replace('{{PORT}}', String(web.port)),
        '  network: [example.com]',
      ),
    );
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe("nil\thttp: host '127.0.0.1' is not in the spell's permissions (spell.yaml permissions.network)");
    expect(lines[1]).toBe("nil\thttp: host 'localhost' is not in the spell's permissions (spell.yaml permissions.network)");
  });

  it('restricts LLM providers, but always allows the offline mock', async () => {
    const env = { MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url };
    const dir = spell('print(llm.chat("x"))\nprint(llm.set_provider("mock"))\nprint(llm.chat("y"))', '  llm:\n    providers: [anthropic]');
    const lines = (await run(dir, env)).stdout.split('\n');
    expect(lines[0]).toBe("nil\tpermission denied: the manifest of 'perm-4' does not grant the LLM provider 'openai' (add to spell.yaml: permissions: { llm: { providers: [openai] } })");
    expect(lines[1]).toBe('');
    expect(lines[2]).toContain('Mock LLM Response');
  });

  it('runs a manifest without a permissions section under the configured policy, like a bare file', async () => {
    const dir = spell(`print(storage.write("c.txt", "x"), http.get("{{WEB}}/hello"))\nprint(llm.chat("hi"))`, undefined, 'capabilities: [llm.chat]\n');
    const result = await run(dir);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['nil\thello world', "[Mock LLM Response] I received your prompt: 'hi'"]);
    const info = await runCli(['info', dir], { cwd: ws.dir, env: { HOME: ws.dir } });
    expect(info.stdout).toContain('permissions: none declared: runs under your configured policy, like a bare .lua file');
  });

  it('gives a bare .lua file what the configuration allows', async () => {
    const file = ws.write('bare.lua', `print(storage.write("b.txt", "x"), http.get("${web.url}/hello"))`);
    const result = await runCli(['run', file], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') } });
    expect(result.stdout).toBe('nil\thello world\n');
  });

  it("applies the manifest's limits, unless a flag says otherwise", async () => {
    const dir = spell('while true do end', undefined, 'limits:\n  timeout: 1s\n');
    const started = Date.now();
    const limited = await run(dir);
    expect(limited.stderr).toContain('run exceeded its time limit (1 s)');
    expect(Date.now() - started).toBeLessThan(6000);
    const flagged = await run(dir, {}, ['--timeout', '2']);
    expect(flagged.stderr).toContain('run exceeded its time limit (2 s)');
  });

  it("cannot raise the user's limits: asking for more is refused with a notice, a flag grants it", async () => {
    const dir = spell('print("started")\nwhile true do end', undefined, 'limits:\n  timeout: 24h\n  memory: 2GB\n');
    const started = Date.now();
    const capped = await run(dir, { LLMSPELL_TIMEOUT: '1' });
    expect(capped.stderr).toContain('asks for limits.timeout 86400 s, above your limit of 1 s; running with 1 s (pass --timeout 86400 to allow it)');
    expect(capped.stderr).toMatch(/asks for limits\.memory 2048 MB, above your limit of \d+ MB/);
    expect(capped.stderr).toContain('run exceeded its time limit (1 s)');
    expect(Date.now() - started).toBeLessThan(8000);
    const granted = await run(dir, { LLMSPELL_TIMEOUT: '1' }, ['--timeout', '2']);
    expect(granted.stderr).not.toContain('asks for limits.timeout');
    expect(granted.stderr).toContain('run exceeded its time limit (2 s)');
  });
});
