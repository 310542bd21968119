/**
 * The studio end to end: the real `llmspell studio` (HTTP + WebSocket) with a temporary
 * LLMSPELL_HOME, the openai provider pointed at the local test LLM server, and Debian's Chromium
 * driven by playwright-core. Each step builds on the one before, as a user's session would.
 */
import path from 'node:path';
import type { WebSocket as PageSocket } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-', { llm: { latencyMs: 20, chunkDelayMs: 120 } });

const SECRET = 'sk-e2e-Very-Secret-Key-5f3a9c';
const SHOTS = path.join(ROOT, '.tmp');
const STORY = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';

/** Every response body and WebSocket frame the page received, to prove a key never comes back. */
const received: string[] = [];

const STREAMING_SPELL = `-- e2e-greeter: greets, streams an LLM answer, then asks for a name.
print("Hello, " .. params.name .. "!")
local err = llm.stream_chat("Tell me a story", function(chunk) end)
if err then error(err) end
print()
io.write("Your name? ")
local who = io.read()
print("Nice to meet you, " .. tostring(who) .. ".")
`;

/** spell.yaml of the e2e spell, one line per key: typed text gets the editor's auto-indent, flow style needs none. */
const manifest = (parameters: string) =>
  `name: e2e-greeter\nversion: 0.1.0\ndescription: Greets someone by name.\nengine: lua\nentry: main.lua\ntags: [example]\nparameters: ${parameters}\npermissions: { llm: true }\n`;

beforeAll(() => {
  s.page.on('response', (response) => void response.text().then((t) => received.push(t), () => undefined));
  s.page.on('websocket', (socket: PageSocket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
});

describe('llmspell studio in Chromium', () => {
  it('opens on the library', async () => {
    await s.page.goto(s.studio.url);
    await s.ui.search.waitFor();
    await s.page.getByRole('status').getByText('Connected').waitFor();
  });

  it('creates a spell from a template and opens it without running it', async () => {
    const { page } = s;
    await page.getByRole('button', { name: '+ New spell' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New spell' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-greeter');
    await dialog.getByRole('radio', { name: /Basic/ }).check();
    await dialog.getByRole('radio', { name: 'Lua' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await s.ui.tab('main.lua').waitFor();
    await s.ui.editor.getByText('Hello, ').first().waitFor();
    expect(await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'e2e-greeter', exact: true }).count()).toBe(1);
    expect(await page.getByLabel('name', { exact: true }).inputValue()).toBe('world');
    expect(await s.ui.outputText()).not.toContain('Hello');
  });

  it('completes llm. with the bridge functions', async () => {
    const { page } = s;
    await s.ui.focusEditorEnd();
    await page.keyboard.type('\nlocal reply = llm.');
    const suggestions = page.locator('.suggest-widget');
    await suggestions.getByRole('option', { name: /^stream_chat,/ }).waitFor({ timeout: 10_000 });
    expect(await suggestions.getByRole('option', { name: /^chat,/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await s.ui.tab('main.lua').getByText('(unsaved)').waitFor({ state: 'attached' });
  });

  it('saves with Ctrl+S', async () => {
    const { page } = s;
    await s.ui.replaceEditorText(STREAMING_SPELL);
    await page.keyboard.press('Control+S');
    await s.ui.tab('main.lua').getByText('(unsaved)').waitFor({ state: 'detached' });
    expect(await s.ui.editorText()).toContain('llm.stream_chat("Tell me a story"');
    // The spell now talks to an LLM: its manifest must say so (a spell gets no more than it declares).
    await s.ui.tab('spell.yaml').click();
    await s.ui.replaceEditorText(manifest('[{ name: name, type: string, default: world }]'));
    await page.keyboard.press('Control+S');
    await s.ui.tab('spell.yaml').getByText('(unsaved)').waitFor({ state: 'detached' });
    await s.ui.tab('main.lua').click();
  });

  it('runs with the parameters form, streams LLM tokens into Output as they arrive, and answers io.read', async () => {
    const { page } = s;
    await page.getByLabel('name', { exact: true }).fill('Ada');
    s.llm.enqueue({ content: STORY });
    await s.ui.run.click();
    await s.ui.output.getByText('Hello, Ada!').waitFor();
    await s.ui.output.getByText(/alpha/).waitFor();
    // Tokens show up one by one: the first words are there before the last one was even sent.
    expect(await s.ui.outputText()).not.toContain('kappa');
    await s.ui.output.getByText(/kappa/).waitFor();
    await s.ui.output.getByText('Your name?').waitFor();
    await s.ui.input.fill('Grace');
    await s.ui.input.press('Enter');
    await s.ui.output.getByText('Nice to meet you, Grace.').waitFor();
    await s.ui.waitForStatus(/Finished/);
    expect(await page.locator('.c-token').first().textContent()).toBe(STORY);
    await page.screenshot({ path: path.join(SHOTS, 'studio.png') });
  });

  it('validates parameters before running', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: /^spell\.yaml/ }).click();
    await s.ui.replaceEditorText(manifest('[{ name: name, type: string, default: world }, { name: times, type: integer, min: 1 }]'));
    await page.keyboard.press('Control+S');
    const times = page.getByLabel('times', { exact: true });
    await times.waitFor();
    await times.fill('many');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('alert').getByText(/expected an integer/).waitFor();
    expect(await times.getAttribute('aria-invalid')).toBe('true');
    await times.fill('');
    await s.ui.tab('main.lua').click();
  });

  it('stops a runaway spell at once', async () => {
    await s.ui.replaceEditorText('print("spinning")\nwhile true do end\n');
    await s.page.keyboard.press('Control+Enter');
    await s.ui.output.getByText('spinning').waitFor();
    await s.ui.waitForStatus(/Running/);
    const clicked = Date.now();
    await s.ui.stop.click();
    await s.ui.waitForStatus(/Stopped/, 5000);
    expect(Date.now() - clicked).toBeLessThan(3000);
  });

  it('links a run error to its line, and marks syntax errors as they are typed', async () => {
    const { page } = s;
    await s.ui.replaceEditorText('local x = 1\nprint("before")\nerror("boom")\n');
    await page.keyboard.press('Control+Enter');
    await s.ui.waitForStatus(/Failed/);
    await s.ui.output.getByRole('button', { name: /main\.lua:3/ }).first().click();
    await page.locator('#editor-panel .active-line-number').getByText('3', { exact: true }).waitFor();

    await s.ui.replaceEditorText('local = 1\n');
    await s.ui.editor.locator('.squiggly-error').first().waitFor();
    await page.getByRole('contentinfo').getByText('1 error').waitFor();
  });

  it('remembers the theme and pane sizes across a reload', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Use dark theme' }).click();
    const library = page.getByRole('separator', { name: 'Resize library' });
    const before = Number(await library.getAttribute('aria-valuenow'));
    await library.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(Number(await library.getAttribute('aria-valuenow'))).toBe(before + 32);
    await s.ui.replaceEditorText(STREAMING_SPELL);
    await page.keyboard.press('Control+S');
    await s.ui.tab('main.lua').getByText('(unsaved)').waitFor({ state: 'detached' });
    await page.reload();
    await s.ui.tab('main.lua').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(Number(await page.getByRole('separator', { name: 'Resize library' }).getAttribute('aria-valuenow'))).toBe(before + 32);
    await page.getByRole('log', { name: 'Output' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'studio-dark.png') });
    await page.getByRole('button', { name: 'Use light theme' }).click();
  });

  it('duplicates, renames, deletes (after confirming) and restores spells from the trash', async () => {
    const { page } = s;
    const spells = page.getByRole('list', { name: 'Spells' });
    const spell = (name: string) => spells.getByRole('button', { name, exact: true });

    await page.getByRole('button', { name: 'Duplicate e2e-greeter' }).click();
    const duplicate = page.getByRole('dialog', { name: 'Duplicate e2e-greeter' });
    expect(await duplicate.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('e2e-greeter-copy');
    await duplicate.getByRole('button', { name: 'Duplicate' }).click();
    await spell('e2e-greeter-copy').waitFor();
    await page.getByRole('banner').getByText('e2e-greeter-copy').waitFor();

    await page.getByRole('button', { name: 'Rename e2e-greeter-copy' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename e2e-greeter-copy' });
    await rename.getByRole('textbox', { name: 'Name' }).fill('e2e-renamed');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await spell('e2e-renamed').waitFor();
    await spell('e2e-greeter-copy').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Delete e2e-renamed' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete e2e-renamed?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await spell('e2e-renamed').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete e2e-renamed' }).click();
    await confirm.getByRole('button', { name: 'Move to trash' }).click();
    await spell('e2e-renamed').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Trash (1)' }).click();
    await page.getByRole('dialog', { name: 'Trash' }).getByRole('button', { name: 'Restore e2e-renamed' }).click();
    await spell('e2e-renamed').waitFor();
    await spell('e2e-greeter').click();
    await page.getByRole('banner').getByText('e2e-greeter', { exact: true }).waitFor();
  });

  it('keeps unsaved edits across a reload, and finds past runs in history', async () => {
    const { page } = s;
    await s.ui.replaceEditorText('print("draft that was never saved")\n');
    // The recovery copy is written shortly after typing stops.
    await page.waitForTimeout(1200);
    await page.reload();
    await s.ui.tab('main.lua').waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'Unsaved changes to main.lua' });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Restore' }).click();
    await s.ui.editor.getByText('draft that was never saved').waitFor();
    await s.ui.tab('main.lua').getByText('(unsaved)').waitFor({ state: 'attached' });

    const history = page.getByRole('list', { name: 'Past runs' });
    await history.getByRole('listitem').nth(1).waitFor();
    expect(await history.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('searchbox', { name: 'Search runs' }).fill('Grace');
    expect(await history.getByRole('listitem').count()).toBe(1);
    await history.getByRole('listitem').first().getByRole('button').first().click();
    await s.ui.output.getByText('Nice to meet you, Grace.').waitFor();
    await page.getByRole('searchbox', { name: 'Search runs' }).fill('');
  });

  it('saves an API key and never shows it again', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const openai = dialog.getByRole('form', { name: 'Provider openai' });
    await openai.waitFor();
    await openai.getByLabel('API key').fill(SECRET);
    await openai.getByRole('button', { name: 'Save openai' }).click();
    await dialog.getByRole('status').getByText('Saved openai.').waitFor();
    const openaiSummary = dialog.locator('details').filter({ has: page.getByRole('form', { name: 'Provider openai' }) }).locator('summary');
    await openaiSummary.getByText('key set').waitFor();
    expect(await openai.getByLabel('API key').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.reload();
    await s.ui.search.waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('details').filter({ has: page.getByRole('form', { name: 'Provider openai' }) }).getByText('key set').waitFor();
    expect(await page.content()).not.toContain(SECRET);
    expect(await page.evaluate(() => document.body.innerText + JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(SECRET);
    expect(received.length).toBeGreaterThan(10);
    expect(received.filter((text) => text.includes(SECRET))).toEqual([]);
    await s.page.screenshot({ path: path.join(SHOTS, 'studio-settings.png') });
  });
});
