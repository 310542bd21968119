#!/usr/bin/env node
// `npm run dist`: the desktop app for this platform (AppImage + deb on Linux, dmg on macOS, nsis + zip
// on Windows) from build/electron-builder.yml. Builds everything it packages first. Extra arguments go
// to electron-builder (`npm run dist -- --dir` for an unpacked folder, to inspect the layout).
// electron-builder needs Electron's release archive; where it cannot be had, this stops with one line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuntime } from './build-runtime.mjs';
import { buildElectron } from './build-electron.mjs';
import { buildIcons } from './build-icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Runs a command, output captured; resolves with its exit code and text. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (text += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (text += d));
    child.on('close', (code) => resolve({ code, text }));
  });
}

/** The failure of electron-builder to fetch Electron (or its tools), as one line; undefined for other failures. */
export function downloadFailure(output, version) {
  const network = /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|unable to download|cannot download|status code 40[34])/i.exec(output);
  if (!network) return undefined;
  return `npm run dist: cannot download Electron ${version} for ${process.platform}-${process.arch} (${network[1]}): packaging needs it; run where it can be downloaded, or point ELECTRON_CACHE at a folder that holds it`;
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
await buildRuntime({ quiet: true });
await buildElectron({ quiet: true });
const renderer = await run(process.execPath, [path.join(root, 'renderer', 'build.mjs')]);
if (renderer.code !== 0) {
  process.stderr.write(renderer.text);
  process.exit(1);
}
buildIcons();
const cli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
if (!existsSync(cli)) throw new Error('electron-builder is not installed: run npm ci');
// An Electron already installed in node_modules (its lazy download done) is used as it is.
const installed = path.join(path.dirname(require.resolve('electron/package.json')), 'dist');
const local = existsSync(installed) ? [`-c.electronDist=${installed}`] : [];
const args = [cli, '--config', path.join('build', 'electron-builder.yml'), '--publish', 'never', ...local, ...process.argv.slice(2)];
const result = await run(process.execPath, args);
if (result.code === 0) {
  process.stdout.write(result.text);
} else {
  const line = downloadFailure(result.text, electronVersion);
  process.stderr.write(line ? `${line}\n` : result.text);
  process.exitCode = 1;
}
