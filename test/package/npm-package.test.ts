/**
 * The npm package round trip: `npm pack` a copy of this working tree, install the tarball offline
 * (empty npm cache, --offline) into a clean prefix, and use the installed `llmspell` from an empty
 * folder: every engine, a workflow, spell tests, the studio, doctor. Slow (one pack, one install).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { runShipped, snapshotTree, startShippedStudio, writeSampleSpells } from '../helpers/shipped';

// The install and the user's folder live outside the checkout, so no node_modules above them can
// stand in for one the package lacks.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'llmspell-npm-package-'));
// The staged copy sits in the checkout's .tmp/: it hard-links node_modules, which needs the same file system.
mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
const stageRoot = mkdtempSync(path.join(ROOT, '.tmp', 'npm-package-'));
const prefix = path.join(scratch, 'prefix');
const work = path.join(scratch, 'work');
const installed = path.join(prefix, 'lib', 'node_modules', 'llmspell-studio');
const bin = path.join(prefix, 'bin', 'llmspell');
// Only the prefix's bin and Node itself: not this checkout's node_modules/.bin.
const env = { PATH: `${path.join(prefix, 'bin')}:${path.dirname(process.execPath)}`, HOME: work };
const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
let tarball = '';
let entries: string[] = [];
let before: Map<string, string>;
let installLog = '';

/**
 * A copy of the working tree (tracked and untracked-but-not-ignored files) and its node_modules: `npm pack` rewrites package.json while it runs (scripts/pack-manifest.mjs), which must not
 * race other test files reading this checkout's package.json.
 */
function stageCheckout(): string {
  const stage = path.join(stageRoot, 'stage');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(ROOT, file);
    if (!statSync(from, { throwIfNoEntry: false })?.isFile()) continue; // deleted but still tracked
    mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    cpSync(from, path.join(stage, file), { preserveTimestamps: true });
  }
  // The renderer build is up to date in the checkout: keep it (and its mtimes) instead of rebuilding.
  cpSync(path.join(ROOT, 'renderer', 'dist'), path.join(stage, 'renderer', 'dist'), { recursive: true, preserveTimestamps: true });
  // A hard-linked copy (cheap): npm does not follow a symlinked node_modules to bundled dependencies.
  try {
    execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules')]);
  } catch {
    cpSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  }
  return stage;
}

beforeAll(() => {
  const stage = stageCheckout();
  const out = path.join(scratch, 'out');
  mkdirSync(out);
  // The stage is no git checkout: hand the build the commit, as a release pipeline would.
  const name = execFileSync('npm', ['pack', '--pack-destination', out, '--json'], { cwd: stage, encoding: 'utf8', env: { ...process.env, LLMSPELL_COMMIT: commit }, stdio: ['ignore', 'pipe', 'pipe'] });
  const [report] = JSON.parse(name) as [{ filename: string; size: number; unpackedSize: number; files: { path: string }[] }];
  tarball = path.join(out, report.filename);
  entries = report.files.map((f) => f.path);
  // The size, for the log (the issue asks for it to be reported).
  console.log(`npm package: ${report.filename} ${(report.size / 1e6).toFixed(1)} MB packed, ${(report.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${entries.length} own files`);
  // Offline with an empty cache: anything not inside the tarball would fail the install.
  const install = spawnSync('npm', ['install', '-g', tarball, '--prefix', prefix, '--offline', '--cache', path.join(scratch, 'empty-cache'), '--no-audit', '--no-fund'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
  installLog = install.stdout + install.stderr;
  mkdirSync(work);
  writeSampleSpells(work);
  before = snapshotTree(installed);
}, 240_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(stageRoot, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships exactly the built output, docs and examples: no sources, tests, scripts or maps', () => {
    for (const needed of ['bin/llmspell.js', 'bin/package.json', 'dist/cli.js', 'dist/engine-process.cjs', 'dist/tengo-worker.js', 'renderer/dist/index.html', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'docs/api-reference.md', 'types/llmspell.d.ts']) {
      expect(entries).toContain(needed);
    }
    const unwanted = entries.filter((f) => !f.startsWith('node_modules/')).filter((f) => /^(runtime|electron|test|scripts|bench|build|renderer\/(?!dist\/))\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')) || f.startsWith('dist/electron/'));
    expect(unwanted).toEqual([]);
    // The installed manifest has no scripts: nothing can build or run at install time.
    expect(Object.keys((JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { scripts?: object }).scripts ?? {})).toEqual([]);
  });

  it('installs without a warning: no engine mismatch, no install script', () => {
    expect(installLog).not.toMatch(/warn/i);
  });

  it('runs spells in every engine, a workflow and spell tests from any folder, and knows its commit', async () => {
    expect((await runShipped(bin, ['--version'], work, env)).stdout).toBe(`llmspell ${(JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as { version: string }).version} (commit ${commit})\n`);
    for (const [file, says] of [['hello.lua', 'lua says'], ['hello.js', 'js says'], ['hello.tengo', 'tengo says']] as const) {
      const r = await runShipped(bin, ['run', file], work, env);
      expect(r.stdout, r.stderr).toContain(`${says} [Mock LLM Response]`);
      expect(r.code).toBe(0);
    }
    const flow = await runShipped(bin, ['run', 'greet.workflow.yaml', 'who=Grace'], work, env);
    expect(flow.stdout + flow.stderr).toContain("I received your prompt: 'Greet Grace'");
    expect(flow.code).toBe(0);
    expect((await runShipped(bin, ['create', 'demo', '--engine', 'javascript'], work, env)).code).toBe(0);
    const tested = await runShipped(bin, ['test', 'demo'], work, env);
    expect(tested.stdout).toContain('# 1 passed, 0 failed');
    expect(tested.code).toBe(0);
  }, 180_000);

  it('serves the studio and passes doctor offline', async () => {
    const studio = await startShippedStudio(bin, [], work, env);
    try {
      const page = await fetch(studio.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      expect(await studio.stop()).toBe(0);
    }
    const doctor = await runShipped(bin, ['doctor', '--offline'], work, env);
    expect(doctor.stdout).toContain(`✓ studio assets: ${path.join(installed, 'renderer', 'dist')}`);
    expect(doctor.stdout).toContain('all checks passed');
  }, 120_000);

  it('never wrote inside its own install folder', () => {
    expect(snapshotTree(installed)).toEqual(before);
  });
});
