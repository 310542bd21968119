/**
 * Diagnostics of JavaScript spells in the studio, end to end: the real `llmspell studio` with a
 * temporary LLMSPELL_HOME and project, and Debian's Chromium. A user types an unknown bridge member,
 * a call with too many arguments and a misspelt global into a JavaScript spell in Monaco and sees each
 * marked with its message (read from the host's linter via files.diagnose); a syntax error too; and a
 * run that throws is marked on the line that threw.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, type StudioProcess } from '../helpers/studio';
import { launchBrowser, processesWith, type TestBrowser } from './browser';
import { studioPage } from './studio-page';

const ws = tempWorkspace('llmspell-e2e-jsdiag-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');

{
  const dir = path.join(project, 'spells', 'e2e-jsdiag');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), 'name: e2e-jsdiag\nversion: 0.1.0\ndescription: e2e-jsdiag for the e2e test.\nengine: javascript\nentry: main.js\npermissions: { llm: true }\n');
  writeFileSync(path.join(dir, 'main.js'), 'console.log("ready");\n');
}

let studio: StudioProcess;
let browser: TestBrowser;
let ui: ReturnType<typeof studioPage>;

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'renderer', 'build.mjs')], { stdio: 'ignore' });
  mkdirSync(home, { recursive: true });
  studio = await startStudio({ home, cwd: project, args: ['--port', '0'], env: { MOCK_LLM: '1' } });
  browser = await launchBrowser();
  browser.page.setDefaultTimeout(15_000);
  ui = studioPage(browser.page);
  await browser.page.goto(studio.url);
  await browser.page.getByRole('status').getByText('Connected').waitFor();
}, 60_000);

afterAll(async () => {
  const profile = browser?.profile;
  await browser?.close();
  if (profile) expect(processesWith(profile)).toEqual([]);
  if (studio) {
    await studio.stop();
    expect(isAlive(studio.child.pid!)).toBe(false);
  }
  expect(orphanedEngineProcesses()).toEqual([]);
  ws.cleanup();
}, 60_000);

/**
 * The editor's markers in order, `line:column message`, as Monaco's "next problem" widget (F8) shows
 * them to the user (and says them to a screen reader): from the top of the file, one F8 per marker.
 */
async function markerMessages(page: Page, count: number): Promise<string[]> {
  await page.keyboard.press('Alt+E');
  await page.keyboard.press('Control+Home');
  const message = page.locator('#editor-panel .marker-widget .message');
  const read = async () => {
    const label = (await message.getAttribute('aria-label')) ?? '';
    const at = / at (\d+:\d+)\. $/.exec(label)?.[1] ?? '?';
    return `${at} ${(await message.innerText()).trim()}`;
  };
  const messages: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('F8');
    await message.waitFor();
    // The widget moves on to the next marker: wait for its text to change.
    if (i > 0) await expect.poll(read).not.toBe(messages[i - 1]);
    messages.push(await read());
  }
  await page.keyboard.press('Escape');
  return messages;
}

describe('JavaScript diagnostics in the studio (Chromium)', () => {
  it('marks an unknown bridge member, a wrong argument count and an undefined global as they are typed, with their messages', async () => {
    const { page } = browser;
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'e2e-jsdiag', exact: true }).click();
    await ui.tab('main.js').waitFor();
    await page.locator('#editor-panel .view-line').first().waitFor();
    const bar = page.getByRole('contentinfo');
    await bar.getByText('0 errors').waitFor();

    await ui.focusEditorEnd();
    await page.keyboard.type('const answer = await llm.chatt');
    // Close the completion list, as a user does who means what they typed.
    await page.keyboard.press('Escape');
    await page.keyboard.type('("hi");\nawait llm.chat("a", {}, 3');
    await page.keyboard.press('End');
    await page.keyboard.type(';\npirnt(answer');
    await page.keyboard.press('End');
    await page.keyboard.type(';');
    expect(await ui.editorText()).toContain('const answer = await llm.chatt("hi");');
    expect(await ui.editorText()).toContain('await llm.chat("a", {}, 3);');

    await bar.getByText('3 errors').waitFor();
    await ui.editor.locator('.squiggly-error').nth(2).waitFor();
    expect(await markerMessages(page, 3)).toEqual([
      "2:26 llm.chatt: llm has no member 'chatt' (did you mean chat?)",
      '3:7 llm.chat takes at most 2 arguments (prompt, opts), got 3',
      "4:1 'pirnt' is not defined",
    ]);

    // Fixed, the marks go.
    await ui.replaceEditorText('const answer = await llm.chat("hi");\nconsole.log(answer);\n');
    await bar.getByText('0 errors').waitFor();
    expect(await ui.editor.locator('.squiggly-error').count()).toBe(0);
  });

  it('marks a wrong literal type, too few arguments and a syntax error', async () => {
    const { page } = browser;
    const bar = page.getByRole('contentinfo');
    await ui.replaceEditorText('await llm.chat(42);\nsetTimeout();\n');
    await bar.getByText('2 errors').waitFor();
    expect(await markerMessages(page, 2)).toEqual([
      "1:16 llm.chat: argument #1 'prompt' expects string, got integer",
      '2:1 setTimeout expects at least 1 argument (callback, delay), got 0',
    ]);
    await ui.replaceEditorText('const x = 1;\nconst = ;\n');
    await bar.getByText('1 error').waitFor();
    expect(await markerMessages(page, 1)).toEqual(['2:7 Unexpected token']);
  });

  it('marks the error of a failed run on the line that threw, until that file is edited', async () => {
    const { page } = browser;
    const bar = page.getByRole('contentinfo');
    await ui.replaceEditorText('console.log("before");\nconst n = 1;\nthrow new Error("boom " + n);\n');
    await bar.getByText('0 errors').waitFor();
    await page.keyboard.press('Control+Enter');
    await ui.waitForStatus(/Failed/);
    await ui.output.getByText('before').waitFor();
    const mark = ui.editor.locator('.squiggly-error');
    await mark.first().waitFor();
    const line3 = await ui.editor.locator('.view-line').nth(2).boundingBox();
    const squiggle = await mark.first().boundingBox();
    expect(Math.abs(squiggle!.y - line3!.y)).toBeLessThan(20);
    expect(await markerMessages(page, 1)).toEqual(['3:1 run error: e2e-jsdiag/main.js:3: Error: boom 1']);
    await ui.focusEditorEnd();
    await page.keyboard.type('// edited');
    await mark.first().waitFor({ state: 'detached' });
  });
});
