#!/usr/bin/env node
// Builds the studio renderer into renderer/dist with vite. Skips the build when dist is newer than
// every source it depends on (renderer/, runtime/contract/, the vite config), so `npm test` and
// `npm run build` stay fast; `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const stamp = path.join(here, 'dist', 'index.html');

/** Newest modification time of the files under `dir` (skipping dist and node_modules). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const fresh = () => {
  if (!existsSync(stamp)) return false;
  const sources = Math.max(newest(here), newest(path.join(root, 'runtime', 'contract')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
  return statSync(stamp).mtimeMs > sources;
};

if (!process.argv.includes('--force') && fresh()) {
  console.error('renderer/dist is up to date');
} else {
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.ts'), logLevel: 'warn' });
  console.error(`built renderer/dist in ${Date.now() - started} ms`);
}
