/**
 * Tengo in the studio, end to end: the real `llmspell studio` with a temporary LLMSPELL_HOME, the
 * openai provider pointed at the local test LLM server, and Debian's Chromium. A user creates a Tengo
 * spell, sees it highlighted, completes a bridge function, sees a syntax error marked as they type
 * (from our parser, on the server), fixes it and runs the spell.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, type StudioProcess } from '../helpers/studio';
import { launchBrowser, processesWith, type TestBrowser } from './browser';
import { studioPage } from './studio-page';

const ws = tempWorkspace('llmspell-e2e-tengo-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');

let llm: LlmServer;
let studio: StudioProcess;
let browser: TestBrowser;
let ui: ReturnType<typeof studioPage>;

const SPELL = `fmt := import("fmt")
llm := import("llm")
params := import("params")
answer := llm.chat("hello from " + params.name)
if is_error(answer) { fmt.println("failed: ", answer.value) } else { fmt.println(answer) }
`;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'renderer', 'build.mjs')], { stdio: 'ignore' });
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  llm = await startLlmServer();
  studio = await startStudio({
    home,
    cwd: project,
    args: ['--port', '0'],
    env: { MOCK_LLM: '', OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model' },
  });
  browser = await launchBrowser();
  browser.page.setDefaultTimeout(10_000);
  ui = studioPage(browser.page);
}, 60_000);

afterAll(async () => {
  const profile = browser?.profile;
  await browser?.close();
  if (profile) expect(processesWith(profile)).toEqual([]);
  if (studio) {
    await studio.stop();
    expect(isAlive(studio.child.pid!)).toBe(false);
  }
  await llm?.close();
  expect(orphanedEngineProcesses()).toEqual([]);
  ws.cleanup();
}, 60_000);

describe('Tengo spells in the studio (Chromium)', () => {
  it('creates a Tengo spell from a template, highlighted as Tengo', async () => {
    const { page } = browser;
    await page.goto(studio.url);
    await page.getByRole('status').getByText('Connected').waitFor();
    await page.getByRole('button', { name: '+ New spell' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New spell' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-tengo');
    await dialog.getByRole('radio', { name: /Basic/ }).check();
    await dialog.getByRole('radio', { name: 'Tengo' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ui.tab('main.tengo').waitFor();
    await ui.editor.getByText('import', { exact: true }).first().waitFor();
    // The Monarch grammar colours a keyword differently from a plain identifier.
    const spans = await ui.editor.locator('.view-line span span').evaluateAll((els) => els.map((e) => [e.textContent?.trim() ?? '', e.className]));
    const classOf = (text: string) => spans.find(([t]) => t === text)?.[1];
    expect(classOf('import')).toMatch(/mtk\d+/);
    expect(classOf('import')).not.toBe(classOf('fmt'));
    // Strings get their own colour too.
    expect(classOf('"fmt"')).not.toBe(classOf('fmt'));
    expect(await ui.outputText()).not.toContain('Hello');
  });

  it('completes llm. with the bridge functions (Lua names)', async () => {
    const { page } = browser;
    await ui.focusEditorEnd();
    await page.keyboard.type('\nllm := import("llm")\nreply := llm.');
    const suggestions = page.locator('.suggest-widget');
    await suggestions.getByRole('option', { name: /^stream_chat,/ }).waitFor();
    expect(await suggestions.getByRole('option', { name: /^chat_with_history,/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('marks syntax and compile errors as they are typed (our parser, on the server)', async () => {
    const { page } = browser;
    const errors = page.getByRole('contentinfo').getByText('1 error');
    await ui.replaceEditorText('fmt := import("fmt")\nx := [1, 2\n');
    await ui.editor.locator('.squiggly-error').first().waitFor();
    await errors.waitFor();
    await ui.replaceEditorText(SPELL);
    await errors.waitFor({ state: 'detached' });
    expect(await ui.editor.locator('.squiggly-error').count()).toBe(0);
    // No os module: a compile error, found without running anything.
    await ui.replaceEditorText('os := import("os")\nos.exit(1)\n');
    await errors.waitFor();
    await ui.replaceEditorText(SPELL);
    await errors.waitFor({ state: 'detached' });
  });

  it('saves and runs it like any spell, and links a runtime error to its line', async () => {
    const { page } = browser;
    await page.keyboard.press('Control+S');
    await ui.tab('main.tengo').getByText('(unsaved)').waitFor({ state: 'detached' });
    // The template has no llm permission: the run says so, as for any spell.
    await ui.tab('spell.yaml').click();
    await ui.replaceEditorText(
      'name: e2e-tengo\nversion: 0.1.0\ndescription: Greets.\nengine: tengo\nentry: main.tengo\nparameters: [{ name: name, type: string, default: world }]\npermissions: { llm: true }\n',
    );
    await page.keyboard.press('Control+S');
    await ui.tab('spell.yaml').getByText('(unsaved)').waitFor({ state: 'detached' });
    await ui.tab('main.tengo').click();
    await page.getByLabel('name', { exact: true }).fill('Ada');
    await ui.run.click();
    await ui.output.getByText('echo: hello from Ada').waitFor();
    await ui.waitForStatus(/Finished/);

    await ui.replaceEditorText('fmt := import("fmt")\nfmt.println("before")\nx := 1 + "a"\n');
    await page.keyboard.press('Control+Enter');
    await ui.waitForStatus(/Failed/);
    expect(await ui.outputText()).toContain('Runtime Error: invalid operation: int + string');
    await ui.output.getByRole('button', { name: /main\.tengo:3/ }).first().click();
    await page.locator('#editor-panel .active-line-number').getByText('3', { exact: true }).waitFor();
  });
});
