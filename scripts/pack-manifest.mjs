#!/usr/bin/env node
// `npm pack` hooks. prepack: build dist/ and renderer/dist (so the tarball ships built output and the
// commit of this build), then take the development scripts out of package.json — an installed package
// must never build from source, and npm warns about a `prepare` script it would not run anyway.
// postpack: put package.json back byte for byte. npm re-reads package.json after prepack, which is why
// the build happens here and not in `prepare`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = path.join(root, 'package.json');
const backup = path.join(root, '.tmp', 'package.json.prepack');

/** The manifest as shipped: no lifecycle or development scripts. */
export function shippedManifest(text) {
  const pkg = JSON.parse(text);
  delete pkg.scripts;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function restore() {
  if (existsSync(backup)) renameSync(backup, manifest);
}

const step = process.argv[2];
if (step === 'prepack') {
  restore(); // a pack that died before postpack left its backup: start from the real manifest
  // A clean bundle: esbuild never deletes chunks of earlier builds, and they must not ship.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-runtime.mjs')], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'renderer', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  const text = readFileSync(manifest, 'utf8');
  mkdirSync(path.dirname(backup), { recursive: true });
  writeFileSync(backup, text);
  writeFileSync(manifest, shippedManifest(text));
} else if (step === 'postpack') {
  restore();
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.error('usage: node scripts/pack-manifest.mjs prepack|postpack');
  process.exit(2);
}
