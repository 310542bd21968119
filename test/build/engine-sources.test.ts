import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LUA_PRELUDE } from '../../runtime/engines/lua/prelude/index';
import { ROOT } from '../helpers/cli';

const PRELUDE_DIR = path.join(ROOT, 'runtime/engines/lua/prelude');

function lintLua(root?: string): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/lint-lua.mjs'), ...(root ? [root] : [])], { encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'llmspell-lint-lua-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the engines' Lua sources", () => {
  it('are clean under luacheck', () => {
    const r = lintLua();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('are run as linted: the prelude is its numbered parts joined in order', () => {
    const parts = readdirSync(PRELUDE_DIR)
      .filter((name) => /^\d+-.*\.lua$/.test(name))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    expect(parts.length).toBeGreaterThan(1);
    expect(LUA_PRELUDE).toBe(parts.map((name) => readFileSync(path.join(PRELUDE_DIR, name), 'utf8')).join('\n'));
  });

  it("lint reports a problem at the part's own file and line, and a bridge's", () => {
    const prelude = path.join(scratch, 'runtime/engines/lua/prelude');
    const bridges = path.join(scratch, 'runtime/engines/lua/bridges');
    mkdirSync(prelude, { recursive: true });
    mkdirSync(bridges, { recursive: true });
    copyFileSync(path.join(ROOT, '.luacheckrc'), path.join(scratch, '.luacheckrc'));
    // Part 2 uses part 1's local (fine, the parts share a chunk) and a name nobody defines.
    writeFileSync(path.join(prelude, '1-a.lua'), 'local shared = 1\n');
    writeFileSync(path.join(prelude, '2-b.lua'), '-- part two\nlocal x = shared + missing_name\nreturn x\n');
    writeFileSync(path.join(bridges, 'bad.lua'), '__llmspell_bridge("bad", function(kit) return {} end)\n');
    const r = lintLua(scratch);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("runtime/engines/lua/prelude/2-b.lua:2:20: (W113) accessing undefined variable 'missing_name'");
    expect(r.stderr).toContain("runtime/engines/lua/bridges/bad.lua:1:35: (W212) unused argument 'kit'");
    expect(r.stderr).not.toContain('shared');
  });
});
