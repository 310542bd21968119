import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-code-cache-');
afterAll(() => ws.cleanup());
const env = { HOME: ws.dir, XDG_CACHE_HOME: path.join(ws.dir, 'cache') };
const cacheDir = path.join(ws.dir, 'cache', 'llmspell', 'code-cache');
const spell = ws.write('hi.lua', 'print("hi " .. (params.name or "?"))\nreturn { n = 1 }\n');
const caches = () => readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));

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
