import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROOT } from '../helpers/cli';

/** The part of electron-builder's configuration we rely on, strictly (a misspelt fuse is an error). */
const Fuses = z.strictObject({
  runAsNode: z.boolean(),
  enableCookieEncryption: z.boolean(),
  enableNodeOptionsEnvironmentVariable: z.boolean(),
  enableNodeCliInspectArguments: z.boolean(),
  enableEmbeddedAsarIntegrityValidation: z.boolean(),
  onlyLoadAppFromAsar: z.boolean(),
  loadBrowserProcessSpecificV8Snapshot: z.boolean().optional(),
  grantFileProtocolExtraPrivileges: z.boolean().optional(),
});
const Config = z.object({
  appId: z.string().regex(/^[a-z0-9.-]+$/),
  productName: z.string(),
  directories: z.object({ output: z.string(), buildResources: z.string() }),
  files: z.array(z.string()),
  asar: z.literal(true),
  asarUnpack: z.array(z.string()),
  electronFuses: Fuses,
  linux: z.object({ target: z.array(z.string()) }).passthrough(),
  mac: z.object({ target: z.array(z.string()) }).passthrough(),
  win: z.object({ target: z.array(z.string()) }).passthrough(),
});

describe('build/electron-builder.yml', () => {
  const config = Config.parse(parse(readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8')));

  it('sets the Electron fuses that close Node-runtime and debugger back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it("is valid against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const require = createRequire(import.meta.url);
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json', { paths: [path.dirname(require.resolve('electron-builder/package.json'))] }), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(scheme);
    const raw = parse(readFileSync(path.join(ROOT, 'build', 'electron-builder.yml'), 'utf8')) as unknown;
    expect(validate(raw), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema bites: a misspelt key is refused.
    expect(validate({ ...(raw as object), electronFusez: {} })).toBe(false);
  });

  it('builds AppImage + deb, dmg, nsis + zip, with icons rasterised from the one SVG', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis', 'zip']);
    expect(existsSync(path.join(ROOT, 'build', 'icon.svg'))).toBe(true);
    for (const platform of [config.linux, config.mac, config.win]) expect(String(platform.icon)).toMatch(/^build\/generated\//);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
    expect(readFileSync(path.join(ROOT, 'scripts', 'dist.mjs'), 'utf8')).toContain("path.join('build', 'electron-builder.yml')");
  });

  it('ships the main bundle package.json points at, the preload, the engine and the renderer', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/**/*', 'renderer/dist/**/*']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/engine-process.cjs', 'dist/engine.cjs', 'dist/engine.cjs.id', 'dist/engine-boot.js', 'dist/tengo-worker.js', 'node_modules/wasmoon/**/*']));
  });
});
