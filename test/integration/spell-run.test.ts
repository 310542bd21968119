/**
 * Spells that use other spells: `spell.run(name, params)` (a nested run with the caller's budget and
 * permissions) in Lua and JavaScript, and dependencies resolved before `llmspell run` starts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-spellrun-');
afterAll(() => ws.cleanup());

function folder(name: string, files: Record<string, string>): string {
  mkdirSync(path.join(ws.dir, name), { recursive: true });
  for (const [file, text] of Object.entries(files)) ws.write(path.join(name, file), text);
  return path.join(ws.dir, name);
}

// The project's library: spells/ under the working folder.
folder('spells/greeter', {
  'spell.yaml': 'name: greeter\nversion: 1.2.0\nparameters:\n  - name: who\n    type: string\n    required: true\n',
  'main.lua': 'return { greeting = "hello " .. params.who }\n',
});
folder('spells/writer', {
  'spell.yaml': 'name: writer\nversion: 1.0.0\npermissions:\n  storage: true\n',
  'main.lua': 'print("writing") print(storage.write("w.txt", "x"))\n',
});
folder('spells/slow', { 'spell.yaml': 'name: slow\nversion: 1.0.0\n', 'main.lua': 'while true do end\n' });

const run = (args: string[]) => runCli(['run', ...args], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') } });

describe('spell.run', () => {
  it('runs another spell of the library: its result, or its output; bad params and unknown names are nil, err', async () => {
    const caller = folder('caller', {
      'spell.yaml': 'name: caller\nversion: 1.0.0\ndependencies:\n  greeter: ^1.0.0\n',
      'main.lua': [
        'local r, err = spell.run("greeter", { who = "Ada" })',
        'print(r.greeting, err)',
        'print(spell.run("writer"))',
        'print(spell.run("greeter", {}))',
        'print(spell.run("nobody"))',
      ].join('\n'),
    });
    const result = await run([caller]);
    expect(result.stdout).toBe(
      [
        'hello Ada\tnil',
        'writing\n\n', // the writer printed its line and storage.write's nothing; the caller prints that output
        "nil\tspell.run: greeter: missing required parameter 'who': add who=...",
        "nil\tspell.run: no spell named 'nobody' in the library",
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it("holds the nested run to the caller's permissions and time budget", async () => {
    const strict = folder('strict', {
      'spell.yaml': 'name: strict\nversion: 1.0.0\npermissions:\n  llm: true\n',
      'main.lua': 'print(spell.run("writer"))\nprint(spell.run("slow"))\n',
    });
    const started = Date.now();
    const result = await run([strict, '--timeout', '2']);
    expect(result.stdout).toContain("writing\npermission denied: the manifest of 'strict' does not grant storage");
    expect(result.stderr + result.stdout).toContain('time limit (2 s)');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('works from JavaScript too', async () => {
    const js = folder('jscaller', {
      'main.js': 'export default async function main() {\n  const r = await spell.run("greeter", { who: "Bo" });\n  console.log(r.greeting);\n  await spell.run("nobody").catch((e) => console.log(e.message));\n}\n',
    });
    const result = await run([path.join(js, 'main.js')]);
    expect(result.stdout).toBe("hello Bo\nspell.run: no spell named 'nobody' in the library\n");
  });
});

describe('dependencies at run', () => {
  it('stops a run whose dependency is missing or out of range, unless --ignore-deps', async () => {
    const needy = folder('needy', {
      'spell.yaml': 'name: needy\nversion: 1.0.0\ndependencies:\n  greeter: ^2.0.0\n  summarizer: "*"\n  go-llmspell: ">=0.1.0"\n',
      'main.lua': 'print("ran")\n',
    });
    const refused = await run([needy]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'needy needs spells the library does not have:\n  greeter ^2.0.0: the library has 1.2.0, which does not match\n  summarizer *: missing (install it: llmspell install summarizer-<version>.spell)\ninstall them, or run anyway with --ignore-deps',
    );
    const forced = await run([needy, '--ignore-deps']);
    expect(forced.stdout).toBe('ran\n');
    expect(forced.code).toBe(0);
  });
});
