import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-code-cache-');
afterAll(() => ws.cleanup());
const env = { HOME: ws.dir, XDG_CACHE_HOME: path.join(ws.dir, 'cache') };
const cacheDir = path.join(ws.dir, 'cache', 'llmspell', 'code-cache');
const spell = ws.write('hi.lua', 'print("hi " .. (params.name or "?"))\nreturn { n = 1 }\n');
// the CLI's own caches (engine processes keep theirs, engine-*.bin, in the same folder)
const caches = () => readdirSync(cacheDir).filter((name) => name.startsWith('cli-') && name.endsWith('.bin'));

describe('llmspell run through the code cache', () => {
  it('writes a cache named after the build on the first run and gives the same results from it', async () => {
    const first = await runCli(['run', spell, 'name=Ada'], { env });
    expect(first).toMatchObject({ code: 0, stdout: 'hi Ada\n{\n  "n": 1\n}\n' });
    const id = readFileSync(path.join(ROOT, 'dist', 'cli.cjs.id'), 'utf8').trim();
    expect(caches()).toEqual([`cli-${id}-${process.version}-${process.arch}.bin`]);
    const second = await runCli(['run', spell, 'name=Ada'], { env });
    expect(second).toEqual(first);
    // usage errors read the same from the cached script
    const bad = await runCli(['run'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('which spell?');
  });

  it('ignores a damaged cache, runs correctly, and writes it anew', async () => {
    const [name] = caches();
    const file = path.join(cacheDir, name!);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const run = await runCli(['run', spell, 'name=Bo'], { env });
    expect(run).toMatchObject({ code: 0, stdout: 'hi Bo\n{\n  "n": 1\n}\n' });
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('drops the caches of earlier builds when it writes its own', async () => {
    writeFileSync(path.join(cacheDir, 'cli-0123456789abcdef-v0.0.0-x64.bin'), 'old');
    const [current] = caches().filter((n) => !n.startsWith('cli-0123456789abcdef'));
    writeFileSync(path.join(cacheDir, current!), 'not a cache');
    expect((await runCli(['run', spell], { env })).code).toBe(0);
    expect(caches()).toEqual([current]);
  });
});

describe('the cached script is ASCII', () => {
  it('is written by the build in ASCII only, so the loader reads it as a one-byte string', () => {
    const bytes = readFileSync(path.join(ROOT, 'dist', 'cli.cjs'));
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  it('escapes every non-ASCII character so strings, templates, regular expressions and comments keep their meaning', async () => {
    const { asciiOnly } = (await import(pathToFileURL(path.join(ROOT, 'scripts', 'ascii-only.mjs')).href)) as { asciiOnly: (source: string) => string };
    // → ✗ é, an astral 👋 (two UTF-16 units), in every place a bundle holds text
    const source = [
      '// a comment → ✗ 👋',
      "const s = 'é → ✗ 👋';",
      'const t = `${s} ✗ 👋`;',
      'const r = [/^\\s*✗$/.test(" ✗"), /^👋$/u.test("👋"), /^.$/u.test("👋"), /^[é✗]+$/.test("✗é")];',
      '[s, t, r]',
    ].join('\n');
    const escaped = asciiOnly(source);
    expect(Buffer.from(escaped).findIndex((byte) => byte > 0x7f)).toBe(-1);
    expect(escaped.split('\n')).toHaveLength(5);
    const original = vm.runInNewContext(source) as unknown;
    expect(vm.runInNewContext(escaped)).toEqual(original);
    expect(original).toEqual(['é → ✗ 👋', 'é → ✗ 👋 ✗ 👋', [true, true, true, true]]);
  });
});

describe('a script that is not ASCII', () => {
  it('is still read as UTF-8 and runs (an older build, a hand edit)', async () => {
    // An install of its own: bin/ (the command and its package.json) and package.json copied, dist/ linked file by file but for the script.
    const dir = path.join(ws.dir, 'install');
    mkdirSync(dir);
    copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'dist'));
    for (const name of ['llmspell.js', 'package.json']) copyFileSync(path.join(ROOT, 'bin', name), path.join(dir, 'bin', name));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    for (const name of readdirSync(path.join(ROOT, 'dist'))) {
      if (!name.startsWith('cli.cjs')) symlinkSync(path.join(ROOT, 'dist', name), path.join(dir, 'dist', name));
    }
    // non-ASCII in code, not only in a comment: decoded as anything but UTF-8 it would print otherwise
    const wrap = "module.exports = ((main) => ({ main: (...args) => (process.stdout.write('→ '), main(...args)) }))(module.exports.main); // ✗ 👋";
    const script = `${readFileSync(path.join(ROOT, 'dist', 'cli.cjs'), 'utf8')}\n${wrap}\n`;
    writeFileSync(path.join(dir, 'dist', 'cli.cjs'), script);
    writeFileSync(path.join(dir, 'dist', 'cli.cjs.id'), 'not-ascii-build');
    const { spawnSync } = await import('node:child_process');
    const target = ws.write('utf8.lua', 'print("caf\u{00E9} \u{2713}")\n');
    for (let i = 0; i < 2; i++) {
      const run = spawnSync(process.execPath, [path.join(dir, 'bin', 'llmspell.js'), 'run', target], { env: { PATH: process.env.PATH ?? '', MOCK_LLM: 'true', ...env }, encoding: 'utf8' });
      expect(run).toMatchObject({ status: 0, stdout: '→ café ✓\n' });
    }
    expect(caches()).toContain(`cli-not-ascii-build-${process.version}-${process.arch}.bin`);
  });
});
