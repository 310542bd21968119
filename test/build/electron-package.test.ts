/**
 * The packaged desktop layout (`npm run dist -- --dir`): what is inside app.asar and what must stay
 * outside it (engine processes, the Tengo worker, the engines' wasm). Needs Electron's binary; skipped,
 * with the reason as the test's name, where it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { electronBinary, NO_ELECTRON } from '../helpers/electron-binary';

describe('the packaged desktop app', () => {
  if (!electronBinary()) {
    it.skip(NO_ELECTRON, () => {});
    return;
  }

  it('keeps the runtime in app.asar and the engines beside it', async () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'dist.mjs'), '--dir'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = path.join(ROOT, 'release', 'desktop');
    const unpackedDir = readdirSync(out).find((d) => d.endsWith('-unpacked') || d === 'mac' || d.startsWith('mac-'));
    expect(unpackedDir).toBeDefined();
    const resources = process.platform === 'darwin' ? path.join(out, unpackedDir!, 'llmspell studio.app', 'Contents', 'Resources') : path.join(out, unpackedDir!, 'resources');
    const require = createRequire(path.join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
    const asar = require('@electron/asar') as { listPackage(archive: string, options: object): string[] };
    const inside = asar.listPackage(path.join(resources, 'app.asar'), {}).map((f) => f.split(path.sep).join('/'));
    for (const file of ['/package.json', '/dist/electron/main.js', '/dist/cli.js', '/renderer/dist/index.html']) expect(inside).toContain(file);
    expect(inside.filter((f) => f.startsWith('/runtime/') || f.startsWith('/test/') || f.endsWith('.map') || f.includes('/node_modules/react/'))).toEqual([]);
    for (const file of ['dist/engine-process.js', 'dist/engine.cjs', 'dist/engine-boot.js', 'dist/tengo-worker.js', 'node_modules/wasmoon/dist/glue.wasm']) {
      expect(existsSync(path.join(resources, 'app.asar.unpacked', file)), file).toBe(true);
    }
  }, 600_000);
});
