#!/usr/bin/env node
// The `llmspell` command. Runs the bundled CLI from dist/. In a source checkout it first rebuilds the
// bundle when a runtime source is newer (a fresh clone, or a developer's edit), so there is no build
// step to forget; an installed package has no sources and never builds or writes in its own folder.
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|lua|js)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsStale() {
  // Only a checkout has runtime/ (package.json "files" leaves it out of the npm package).
  if (!existsSync(path.join(root, 'runtime'))) return false;
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return newestSource(path.join(root, 'runtime')) > built;
}

const args = process.argv.slice(2);
// Start the engine process first: it boots (on the other core) while the CLI checks its bundle and
// loads. A stale bundle's engine is dropped below and started again after the rebuild.
const prestartEngine = async () => {
  const { prestartEngine: start } = await import(pathToFileURL(path.join(root, 'dist', 'prestart.js')).href);
  return start();
};
const prestarted = [];
const bundleBuilt = existsSync(bundle);
if (args[0] === 'run' && bundleBuilt) prestarted.push(await prestartEngine());
if (bundleIsStale()) {
  for (const engine of prestarted.splice(0)) engine.kill('SIGKILL');
  const { buildRuntime } = await import(pathToFileURL(path.join(root, 'scripts', 'build-runtime.mjs')).href);
  await buildRuntime({ quiet: true });
  if (args[0] === 'run') prestarted.push(await prestartEngine());
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(args, undefined, { prestarted });
