/**
 * The standalone binary (`npm run dist:cli`): built once, then run the way a user without Node would —
 * PATH holds nothing (no node, no node_modules/.bin), the working folder is empty, HOME is fresh.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { orphanedEngineProcesses } from '../helpers/processes';
import { runShipped, startShippedStudio, writeSampleSpells } from '../helpers/shipped';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'llmspell-sea-'));
const out = path.join(scratch, 'out');
const work = path.join(scratch, 'work');
const emptyPath = path.join(scratch, 'no-tools');
const home = path.join(scratch, 'home');
const binary = path.join(out, process.platform === 'win32' ? 'llmspell.exe' : 'llmspell');
const env = { PATH: emptyPath, HOME: home };

/** Live processes running `exe` whose environment marks them as engine processes (Linux /proc). */
function engineProcessesOf(exe: string): { cmdline: string; environ: string }[] {
  const found: { cmdline: string; environ: string }[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) !== exe) continue;
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes('LLMSPELL_SEA_ROLE=engine')) found.push({ cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8'), environ: environ.join('\n') });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-sea.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run dist:cli failed:\n${built.stderr}`);
  // The size, for the log.
  console.log(built.stderr.split('\n').find((line) => line.startsWith('built ')));
  for (const dir of [work, emptyPath, home]) mkdirSync(dir);
  writeSampleSpells(work);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the standalone llmspell binary', () => {
  it('prints its version and commit, unpacking its runtime under LLMSPELL_HOME and tidying long-unused ones', async () => {
    const pkg = JSON.parse(execFileSync('git', ['show', 'HEAD:package.json'], { cwd: ROOT, encoding: 'utf8' })) as { version: string };
    // Runtimes unpacked by other builds: one unused for two months (removed), one used yesterday (kept).
    const runtimes = path.join(home, '.llmspell', 'runtime');
    for (const [name, daysAgo] of [['0.0.1-0000000000000000', 60], ['0.0.2-1111111111111111', 1]] as const) {
      mkdirSync(path.join(runtimes, name), { recursive: true });
      writeFileSync(path.join(runtimes, name, '.complete'), 'x');
      const when = new Date(Date.now() - daysAgo * 24 * 3600 * 1000);
      utimesSync(path.join(runtimes, name, '.complete'), when, when);
    }
    const r = await runShipped(binary, ['--version'], work, env);
    expect(r.stdout, r.stderr).toMatch(new RegExp(`^llmspell ${pkg.version.replaceAll('.', '\\.')} \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)\\n$`));
    const unpacked = readdirSync(runtimes).filter((name) => !name.startsWith('0.0.'));
    expect(unpacked).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+-[0-9a-f]{16}$/)]);
    expect(readdirSync(runtimes).filter((name) => name.startsWith('0.0.'))).toEqual(['0.0.2-1111111111111111']);
    expect(readdirSync(work).sort()).toEqual(['greet.workflow.yaml', 'hello.js', 'hello.lua', 'hello.tengo']); // nothing written here
  }, 60_000);

  it('runs a Lua, a JavaScript and a Tengo spell', async () => {
    for (const [file, says] of [['hello.lua', 'lua says'], ['hello.js', 'js says'], ['hello.tengo', 'tengo says']] as const) {
      const r = await runShipped(binary, ['run', file], work, env);
      expect(r.stdout, r.stderr).toContain(`${says} [Mock LLM Response]`);
      expect(r.code).toBe(0);
    }
    expect(orphanedEngineProcesses()).toEqual([]);
  }, 120_000);

  it('starts its engine processes as itself, hardened through NODE_OPTIONS, scrubbed of the host environment', async () => {
    writeFileSync(path.join(work, 'busy.lua'), 'local n = 0\nfor i = 1, 3e7 do n = n + i end\nprint(n)\n');
    const running = runShipped(binary, ['run', 'busy.lua'], work, { ...env, SECRET_TOKEN: 'do-not-leak' });
    let engine: { cmdline: string; environ: string } | undefined;
    for (let i = 0; i < 200 && !engine; i++) {
      engine = engineProcessesOf(binary)[0];
      if (!engine) await new Promise((r) => setTimeout(r, 50));
    }
    const finished = await running;
    expect(finished.code, finished.stderr).toBe(0);
    expect(engine, 'no engine process of the binary was seen').toBeDefined();
    expect(engine!.environ).toContain('NODE_OPTIONS=--max-old-space-size=128 --disallow-code-generation-from-strings --disable-proto=delete');
    expect(engine!.environ).not.toContain('SECRET_TOKEN');
    expect(engine!.environ).not.toContain(`HOME=`);
  }, 60_000);

  it('runs a workflow', async () => {
    const r = await runShipped(binary, ['run', 'greet.workflow.yaml', 'who=Lin'], work, env);
    expect(r.stdout + r.stderr).toContain("I received your prompt: 'Greet Lin'");
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes doctor offline: every engine starts, the studio assets came out of the binary', async () => {
    const r = await runShipped(binary, ['doctor', '--offline'], work, env);
    expect(r.stdout, r.stderr).toMatch(new RegExp(`✓ studio assets: ${home.replaceAll('/', '\\/')}\\/\\.llmspell\\/runtime\\/[^/]+\\/renderer\\/dist`));
    expect(r.stdout).toContain('✓ engine tengo: starts and runs');
    expect(r.stdout).toContain('all checks passed');
    expect(r.code).toBe(0);
  }, 60_000);

  it('serves the studio page and its scripts', async () => {
    const studio = await startShippedStudio(binary, [], work, env);
    try {
      const page = await fetch(studio.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      // The page's script comes out of the binary too.
      const script = /src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = new URL(script!, studio.url);
      asset.search = new URL(studio.url).search; // the launch token
      expect((await fetch(asset)).status).toBe(200);
    } finally {
      expect(await studio.stop()).toBe(0);
    }
  }, 60_000);
});
