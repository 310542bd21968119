/**
 * MCP servers in the studio's settings, in Chromium: add a stdio server with a secret env value,
 * test it (its tools show), the editor completes its tool names, remove it. The secret never
 * reaches the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WebSocket as PageSocket } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-mcp-', {
  timeoutMs: 15_000,
  prepare: ({ project }) => {
    mkdirSync(path.join(project, 'spells', 'tooluser'), { recursive: true });
    writeFileSync(path.join(project, 'spells', 'tooluser', 'main.lua'), 'print("hi")\n');
  },
});

const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const SECRET = 'mcp-e2e-secret-9d1c7b';
const SHOTS = path.join(ROOT, '.tmp');
const received: string[] = [];

beforeAll(() => {
  s.page.on('websocket', (socket: PageSocket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
});

describe('MCP servers in the studio settings', () => {
  it('adds, tests and removes a server; the editor completes its tools', async () => {
    const { page } = s;
    await page.goto(s.studio.url);
    await s.ui.search.waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const form = dialog.getByRole('form', { name: 'Add an MCP server' });
    await form.getByLabel('Name').fill('demo');
    await form.getByLabel('Command or URL').fill(`${process.execPath} ${EVERYTHING} stdio`);
    await form.getByLabel(/^Environment/).fill(`DEMO_TOKEN=${SECRET}`);
    await form.getByRole('button', { name: 'Add server' }).click();
    const row = dialog.getByRole('listitem', { name: 'MCP server demo' });
    await row.waitFor();
    await row.getByText('Secrets: DEMO_TOKEN').waitFor();
    expect(await form.getByLabel(/^Environment/).inputValue()).toBe('');

    await row.getByRole('button', { name: 'Test' }).click();
    await row.getByText(/^\d+ tools$/).click();
    await row.getByText('demo.get-sum', { exact: true }).waitFor();
    await dialog.getByRole('status').getByText(/^demo: \d+ tools\.$/).waitFor();
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'studio-mcp-settings.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The editor now knows the tool names.
    await page.getByRole('button', { name: 'tooluser', exact: true }).click();
    const editor = page.locator('.monaco-editor').first();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\ntools.execute("demo.get-s');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget').getByText('demo.get-sum').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings' }).click();
    await dialog.getByRole('listitem', { name: 'MCP server demo' }).getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('status').getByText('Removed demo.').waitFor();
    expect(await dialog.getByRole('listitem', { name: 'MCP server demo' }).count()).toBe(0);
    expect(received.filter((text) => text.includes(SECRET))).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
  }, 90_000);
});
