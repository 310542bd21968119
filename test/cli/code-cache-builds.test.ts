import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-code-cache-builds-');
afterAll(() => ws.cleanup());

describe("the code caches of other builds", () => {
  it('keeps the three other builds written last (same Node) and drops the rest and other Node versions', async () => {
    const env = { HOME: ws.dir, XDG_CACHE_HOME: path.join(ws.dir, 'cache') };
    const dir = path.join(ws.dir, 'cache', 'llmspell', 'code-cache');
    mkdirSync(dir, { recursive: true });
    const now = Date.now() / 1000;
    const other = (name: string, hoursAgo: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, 'another build');
      utimesSync(file, now - hoursAgo * 3600, now - hoursAgo * 3600);
    };
    const same = `-${process.version}-${process.arch}.bin`;
    for (let i = 1; i <= 5; i++) other(`cli-build${i}${same}`, i);
    other(`cli-build0-v0.0.0-${process.arch}.bin`, 0);
    writeFileSync(path.join(dir, 'not-ours.bin'), 'x');
    const run = await runCli(['run', ws.write('hi.lua', 'print("hi")\n')], { env });
    expect(run).toMatchObject({ code: 0, stdout: 'hi\n' });
    // (the engine process writes its own cache, engine-*.bin, beside the CLI's: not this test's subject)
    const left = readdirSync(dir).filter((name) => !name.startsWith('engine-')).sort();
    const own = left.filter((name) => !name.includes('-build') && name !== 'not-ours.bin');
    expect(own).toHaveLength(1);
    expect(left).toEqual([...own, `cli-build1${same}`, `cli-build2${same}`, `cli-build3${same}`, 'not-ours.bin'].sort());
  });
});
