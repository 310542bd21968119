#!/usr/bin/env node
// `npm start`: the desktop studio (Electron) where Electron's binary is installed; otherwise the
// browser studio (`llmspell studio`), with one line saying why and where it is.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron binary, or undefined. Never `require('electron')`: when the binary is missing that
 * starts a download. electron/path.txt names the binary inside electron/dist once it is installed.
 */
function electronBinary() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const name = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), name);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a child to its end, passing Ctrl+C on; resolves with its exit code. */
function supervise(child) {
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

// The renderer is built by `npm install` (prepare); rebuild it here if sources changed since (fast no-op otherwise).
const built = spawn(process.execPath, [path.join(root, 'renderer', 'build.mjs')], { stdio: ['ignore', 'ignore', 'pipe'] });
let buildLog = '';
built.stderr.setEncoding('utf8').on('data', (chunk) => (buildLog += chunk));
if ((await supervise(built)) !== 0) {
  process.stderr.write(`could not build the studio's renderer:\n${buildLog}`);
  process.exit(1);
}

const binary = electronBinary();
if (binary) {
  const { buildElectron } = await import(pathToFileURL(path.join(root, 'scripts', 'build-electron.mjs')).href);
  await buildElectron({ quiet: true });
  process.exitCode = await supervise(spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' }));
} else {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'llmspell.js'), 'studio', ...process.argv.slice(2)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = '';
  let announced = false;
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    if (announced) return void process.stdout.write(chunk);
    pending += chunk;
    const newline = pending.indexOf('\n');
    if (newline < 0) return;
    announced = true;
    const url = pending.slice(0, newline);
    process.stdout.write(`Electron is not installed here; opening the browser studio instead: ${url}\n${pending.slice(newline + 1)}`);
  });
  process.exitCode = await supervise(child);
}
