#!/usr/bin/env node
// The `llmspell` command. Runs the bundled CLI from dist/. In a source checkout it first rebuilds the
// bundle when a runtime source is newer (a fresh clone, or a developer's edit), so there is no build
// step to forget; an installed package has no sources and never builds or writes in its own folder.
// CommonJS (bin/package.json): an ES module entry would have Node set up its ES module loader before
// anything here runs, ≈ 4 ms before the engine process is forked.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose, see above */
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
// Start the engine process first: it boots (on the other core) while the CLI checks its bundle and
// loads. A stale bundle's engine is dropped below and started again after the rebuild.
// dist/prestart.cjs is CommonJS: a require is cheaper than an ES module import (see scripts/build-runtime.mjs).
const prestartScript = path.join(root, 'dist', 'prestart.cjs');
const prestartEngine = () => {
  delete require.cache[prestartScript]; // after a rebuild, the new one
  return require(prestartScript).prestartEngine();
};
const prestarted = [];
// (a dist/ from before prestart.cjs existed is stale: the engine starts after the rebuild)
if (args[0] === 'run' && existsSync(prestartScript)) prestarted.push(prestartEngine());
// A one-shot run's heap stays small, but V8's incremental marking starts a full collection of it just
// as the engine process boots (≈ 10 ms of CPU on a core the engine needs). Without it a full
// collection still comes when the heap reaches its limit, in one step instead of several. Set after
// the fork (node:v8 takes ≈ 1.4 ms to load) and before the CLI script compiles: the code cache is
// made and checked under the same flags.
if (args[0] === 'run') require('node:v8').setFlagsFromString('--no-incremental-marking');

const { isAscii } = require('node:buffer');
const { createRequire } = require('node:module');
const os = require('node:os');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

/** The newest mtime of a runtime source (.ts, .lua, .js) under `dir`; on the path of every run in a checkout, so plain loops. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const { name } = entry;
    const full = `${dir}/${name}`;
    let mtime = 0;
    if (entry.isDirectory()) mtime = newestSource(full);
    else if (name.endsWith('.ts') || name.endsWith('.lua') || name.endsWith('.js')) mtime = statSync(full).mtimeMs;
    if (mtime > newest) newest = mtime;
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


/**
 * `llmspell run` loads the CLI as one script (dist/cli.cjs) compiled from V8's code cache, kept in the
 * user's cache folder under the script's digest (dist/cli.cjs.id): an ES module cannot use a code
 * cache on Node 20, and compiling the bundle is a large part of a cold run. A missing or rejected
 * cache is written after the command; anything unexpected falls back to the ES module bundle.
 */
/** Code caches of other builds (same Node) kept beside this build's. */
const OTHER_BUILDS_KEPT = 3;

function loadCachedCli() {
  const script = path.join(root, 'dist', 'cli.cjs');
  if (!vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) return undefined;
  try {
    const id = readFileSync(`${script}.id`, 'utf8').trim();
    // The user's own cache folder: whoever can write there can already change what their shell runs
    // (the trust Node 22's module compile cache assumes too). A spell never reaches it.
    const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'llmspell', 'code-cache');
    const cacheFile = path.join(cacheDir, `cli-${id}-${process.version}-${process.arch}.bin`);
    let cachedData;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // first run of this build: compiled from source, cached below
    }
    // The build writes the script in ASCII: read as such it is a one-byte string, ≈ 20 ms of CPU less
    // than decoding it as UTF-8 (which V8 would keep as two bytes a character).
    const bytes = readFileSync(script);
    const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    // One line with the source's first: line numbers in stack traces stay the script's own.
    const wrapper = `(function (exports, require, module, __filename, __dirname, __llmspellScriptUrl) {${source}\n})`;
    const compiled = new vm.Script(wrapper, { filename: script, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    const module = { exports: {} };
    compiled.runInThisContext()(module.exports, createRequire(script), module, script, path.dirname(script), pathToFileURL(script).href);
    const save = () => {
      if (cachedData && !compiled.cachedDataRejected) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, compiled.createCachedData());
        renameSync(partial, cacheFile);
        // Another Node's caches are of no more use. Other builds' are kept, the few written last: a second
        // checkout (or the build before an upgrade) runs again, and two checkouts must not drop each
        // other's cache at every run.
        const suffix = `-${process.version}-${process.arch}.bin`;
        const others = readdirSync(cacheDir).filter((name) => name.startsWith('cli-') && name.endsWith('.bin') && path.join(cacheDir, name) !== cacheFile);
        const sameNode = others.filter((name) => name.endsWith(suffix));
        const newest = sameNode.map((name) => ({ name, mtime: statSync(path.join(cacheDir, name)).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
        const drop = [...others.filter((name) => !name.endsWith(suffix)), ...newest.slice(OTHER_BUILDS_KEPT).map((entry) => entry.name)];
        for (const name of drop) rmSync(path.join(cacheDir, name), { force: true });
      } catch {
        // a read-only home: no cache, the same result
      }
    };
    return { main: module.exports.main, save };
  } catch {
    return undefined;
  }
}

async function start() {
  if (bundleIsStale()) {
    for (const engine of prestarted.splice(0)) engine.kill('SIGKILL');
    const { buildRuntime } = await import(pathToFileURL(path.join(root, 'scripts', 'build-runtime.mjs')).href);
    await buildRuntime({ quiet: true });
    if (args[0] === 'run') prestarted.push(prestartEngine());
  }
  const cached = args[0] === 'run' ? loadCachedCli() : undefined;
  const { main } = cached ?? (await import(pathToFileURL(bundle).href));
  process.exitCode = await main(args, undefined, { prestarted });
  // After the command, so the functions it compiled are in the cache too.
  cached?.save();
}

// (what a top-level await in an ES module did: an error that escapes is printed and the exit code is 1)
start().catch((error) => {
  process.exitCode = 1;
  console.error(error);
});
