/**
 * The Help panel end to end: the real `llmspell studio`, Debian's Chromium; the docs pages come from
 * the host over the Studio API and render as elements (headings, code, tables, links between pages).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { startStudio, type StudioProcess } from '../helpers/studio';
import { launchBrowser, type TestBrowser } from './browser';

const ws = tempWorkspace('llmspell-help-e2e-');
let studio: StudioProcess;
let browser: TestBrowser;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'renderer', 'build.mjs')], { stdio: 'ignore' });
  const home = path.join(ws.dir, 'home');
  mkdirSync(home);
  studio = await startStudio({ home, cwd: ws.dir, args: ['--port', '0'] });
  browser = await launchBrowser();
  browser.page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  ws.cleanup();
}, 60_000);

describe('the Help panel', () => {
  it('lists the docs, opens the index, and follows a link to another page', async () => {
    const { page } = browser;
    await page.goto(studio.url);
    await page.getByRole('button', { name: 'Help' }).click();
    const help = page.getByRole('dialog', { name: 'Help' });
    const pages = help.getByRole('navigation', { name: 'Docs pages' });
    await pages.getByRole('button', { name: 'Cookbook' }).waitFor();
    const article = help.getByRole('article', { name: 'Docs page' });
    await article.getByRole('heading', { name: 'llmspell studio docs' }).waitFor();
    expect(await pages.getByRole('button').count()).toBeGreaterThanOrEqual(12);

    await article.getByRole('link', { name: 'Cookbook' }).click();
    await article.getByRole('heading', { name: 'Cookbook', level: 2 }).waitFor();
    expect(await article.locator('pre code').first().textContent()).toContain('llm.chat_json');
    expect(await pages.getByRole('button', { name: 'Cookbook' }).getAttribute('aria-current')).toBe('page');

    await pages.getByRole('button', { name: 'Configuration reference' }).click();
    await article.getByRole('cell', { name: 'limits.timeout' }).waitFor();
  }, 60_000);
});
