#!/usr/bin/env node
// Rasterises build/icon.svg, the one source of the app's icons, with @resvg/resvg-js (a prebuilt
// renderer, no system tools): build/generated/icon.png (1024 px; electron-builder makes the macOS
// .icns and the Windows .ico from it) and build/generated/icons/<n>x<n>.png for Linux desktops.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function buildIcons({ outDir = path.join(root, 'build', 'generated') } = {}) {
  const svg = readFileSync(path.join(root, 'build', 'icon.svg'));
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: true } }).render().asPng();
  for (const size of ICON_SIZES) writeFileSync(path.join(outDir, 'icons', `${size}x${size}.png`), render(size));
  writeFileSync(path.join(outDir, 'icon.png'), render(1024));
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.error(`icons written to ${path.relative(root, buildIcons())}/`);
}
