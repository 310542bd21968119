/**
 * The desktop app end to end through playwright-core's Electron driver: start the real app (built
 * main, preload and renderer), open a spell from the library, run it, see its output. Skipped, with
 * the reason as the test's name, where the Electron binary is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { electronBinary, NO_ELECTRON } from '../helpers/electron-binary';
import { studioPage } from './studio-page';

const binary = electronBinary();

if (!binary) {
  describe('the desktop app (Electron)', () => {
    it.skip(NO_ELECTRON, () => {});
  });
} else {
  describe('the desktop app (Electron)', () => {
    const ws = tempWorkspace('llmspell-electron-e2e-');
    let app: ElectronApplication;

    beforeAll(async () => {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'ignore' });
      execFileSync(process.execPath, [path.join(ROOT, 'renderer', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
      const home = path.join(ws.dir, 'home');
      mkdirSync(home);
      app = await _electron.launch({
        executablePath: binary,
        args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
        cwd: ws.dir,
        env: { PATH: process.env.PATH ?? '', HOME: ws.dir, LLMSPELL_HOME: home, MOCK_LLM: 'true', DISPLAY: process.env.DISPLAY ?? '' },
      });
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      ws.cleanup();
    });

    it('starts, opens a spell and runs it', async () => {
      const page = await app.firstWindow();
      page.setDefaultTimeout(15_000);
      const ui = studioPage(page);
      await page.getByRole('button', { name: '+ New spell' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'New spell' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill('desktop-hello');
      await dialog.getByRole('radio', { name: /Basic/ }).check();
      await dialog.getByRole('radio', { name: 'Lua' }).check();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'detached' });
      await ui.tab('main.lua').waitFor();
      await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'desktop-hello', exact: true }).click();
      await ui.run.click();
      await ui.waitForStatus(/Finished/);
      expect(await ui.outputText()).toContain('Hello, ');
    }, 60_000);
  });
}
