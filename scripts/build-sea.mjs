#!/usr/bin/env node
// `npm run dist:cli`: the standalone `llmspell` binary for this machine's platform, a Node single
// executable application (SEA). The runtime bundles (dist/), the engines' packages with their wasm,
// the studio's renderer and the docs ride inside it as SEA assets; runtime/host/sea-main.ts unpacks
// them on first start. Output: release/cli/llmspell (llmspell.exe on Windows), or the folder after --out.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildRuntime } from './build-runtime.mjs';
import { shippedManifest } from './pack-manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.tmp', 'sea');
// The sentinel Node looks for to know a blob was injected (Node's SEA documentation).
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Files of a folder, recursively, as paths relative to `base`. */
function walk(dir, base, keep = () => true) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, base, keep));
    else if (entry.isFile() && keep(full)) out.push(path.relative(base, full));
  }
  return out;
}

/** The runtime dependencies (package.json `dependencies`) and theirs, as folders under node_modules. */
function dependencyFolders() {
  const seen = new Map();
  const visit = (name, from) => {
    let dir = from;
    let found;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) {
        found = candidate;
        break;
      }
      if (dir === root || dir === path.dirname(dir)) break;
      dir = path.dirname(dir);
    }
    if (!found) throw new Error(`runtime dependency ${name} is not installed: run npm ci`);
    if (seen.has(found)) return;
    const pkg = JSON.parse(readFileSync(path.join(found, 'package.json'), 'utf8'));
    seen.set(found, name);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, found);
  };
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, root);
  return [...seen.keys()];
}

const notMap = (file) => !file.endsWith('.map');

export async function buildSea({ quiet = false, outDir = path.join(root, 'release', 'cli') } = {}) {
  const started = Date.now();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The runtime is bundled afresh into the work folder (not dist/, which tests and a running CLI use).
  const dist = path.join(work, 'dist');
  await buildRuntime({ quiet: true, outdir: dist });
  execFileSync(process.execPath, [path.join(root, 'renderer', 'build.mjs')], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
  mkdirSync(outDir, { recursive: true });

  // The SEA main script: CommonJS, Node built-ins only.
  const main = path.join(work, 'sea-main.cjs');
  await build({ absWorkingDir: root, entryPoints: ['runtime/host/sea-main.ts'], outfile: main, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });

  // Every file the unpacked runtime needs, relative to its folder (the npm package's layout).
  const staged = { 'package.json': path.join(work, 'package.json'), 'sea-launch.cjs': path.join(root, 'scripts', 'sea', 'sea-launch.cjs') };
  writeFileSync(staged['package.json'], shippedManifest(readFileSync(path.join(root, 'package.json'), 'utf8')));
  const add = (dir, keep) => {
    for (const rel of walk(dir, dir, keep)) staged[path.relative(root, path.join(dir, rel)).split(path.sep).join('/')] = path.join(dir, rel);
  };
  for (const rel of walk(dist, dist, notMap)) staged[`dist/${rel.split(path.sep).join('/')}`] = path.join(dist, rel);
  add(path.join(root, 'renderer', 'dist'), () => true);
  add(path.join(root, 'docs'), (f) => f.endsWith('.md'));
  for (const folder of dependencyFolders()) add(folder, (f) => notMap(f) && !f.endsWith('.d.ts') && !/\.(md|ts)$/i.test(f));

  const files = Object.keys(staged).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(staged[file]));
  const { version } = JSON.parse(readFileSync(staged['package.json'], 'utf8'));
  writeFileSync(path.join(work, 'manifest.json'), JSON.stringify({ version, hash: hash.digest('hex'), files }));

  const assets = { 'manifest.json': path.join(work, 'manifest.json') };
  for (const file of files) assets[`files/${file}`] = staged[file];
  const blob = path.join(work, 'sea-prep.blob');
  const config = path.join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets }, null, 2));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });

  const binary = path.join(outDir, process.platform === 'win32' ? 'llmspell.exe' : 'llmspell');
  rmSync(binary, { force: true });
  copyFileSync(process.execPath, binary);
  // macOS refuses a binary whose signature no longer matches: drop it before, sign ad hoc after.
  if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', binary]);
  const { inject } = await import('postject');
  await inject(binary, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: FUSE, ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}) });
  if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', binary]);
  const size = statSync(binary).size;
  if (!quiet) console.error(`built ${path.relative(root, binary)} (${(size / 1e6).toFixed(1)} MB, ${files.length} embedded files, Node ${process.versions.node} ${process.platform}-${process.arch}) in ${Date.now() - started} ms`);
  return { binary, size, files: files.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  await buildSea(at > 0 && process.argv[at + 1] ? { outDir: path.resolve(process.argv[at + 1]) } : {});
}
