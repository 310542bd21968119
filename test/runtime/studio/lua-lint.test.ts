import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { luaLint } from '../../../runtime/studio/lua-lint';
import { ROOT } from '../../helpers/cli';

/** Every .lua file under a folder. */
function luaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? luaFiles(path.join(dir, e.name)) : e.name.endsWith('.lua') ? [path.join(dir, e.name)] : []));
}

describe('Lua diagnostics beyond syntax', () => {
  it('finds unknown bridge members, wrong argument counts and literal types, and undefined globals, at their place', () => {
    const code = 'local r = llm.chatt("hi")\nprint(llm.chat())\nllm.chat(1)\npirnt("x")\nllm.chat("a", {}, 3)\nx = 1\nprint(x, tools.list())\n';
    expect(luaLint(code, 'main.lua').map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [1, 15, 'error', "llm.chatt: llm has no member 'chatt' (did you mean chat?)"],
      [2, 7, 'error', 'llm.chat expects at least 1 argument (prompt, opts), got 0'],
      [3, 10, 'error', "llm.chat: argument #1 'prompt' expects string, got integer"],
      [4, 1, 'warning', "undefined global 'pirnt' (did you mean print?)"],
      [5, 1, 'error', 'llm.chat takes at most 2 arguments (prompt, opts), got 3'],
    ]);
  });

  it('accepts locals, globals the file sets, values only known at run time, and calls spreading a call', () => {
    const code = 'local llm2 = llm\nfunction helper(a) return a end\nlocal n = 3\nllm.chat(n)\nllm.chat(helper("x"))\nlocal t = { llm.chat("a") }\nprint(helper(string.rep("a", 2)))\n';
    expect(luaLint(code, 'main.lua')).toEqual([]);
  });

  it('skips the global check in test files, and Lua 5.4-only syntax it cannot read', () => {
    expect(luaLint('test("adds", function() expect(1).to_be(1) end)\n', 'tests/a.test.lua', { globals: false })).toEqual([]);
    expect(luaLint('local x <const> = 1\nprint(x)\n', 'main.lua')).toEqual([]);
  });

  it('finds nothing in the shipped spells', () => {
    for (const file of luaFiles(path.join(ROOT, 'spells'))) {
      expect({ file, problems: luaLint(readFileSync(file, 'utf8'), file, { globals: !file.includes('/tests/') }) }).toEqual({ file, problems: [] });
    }
  });
});
