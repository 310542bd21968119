/**
 * The studio as a daily driver (issue 15), end to end: the real `llmspell studio` with a temporary
 * LLMSPELL_HOME and project, the openai provider on the local test LLM server, and Debian's Chromium.
 * Runs that outlive a reload, streamed text shown once, 50,000 lines of output, a dropped
 * connection, a spell waiting in io.read, and a narrow window.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { studioPage } from './studio-page';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-daily-', {
  llm: { latencyMs: 20, chunkDelayMs: 60, models: ['test-model', 'test-model-large'] },
  timeoutMs: 15_000,
  prepare: ({ home }) => {
    mkdirSync(path.join(home, 'history'), { recursive: true });
    writeFileSync(staleFile, JSON.stringify(STALE));
  },
});
const { home, project } = s;

const STORY = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
// Enough to pass the kept-lines cap; the 100,000-line throughput target lives in the bench (bench/renderer-console.mjs).
const FLOOD_LINES = 50_000;

/** A spell folder in the project's spells/ (the studio lists it in the library). */
function spell(name: string, source: string, permissions = '{}'): string {
  const dir = path.join(project, 'spells', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 0.1.0\ndescription: ${name} for the e2e test.\nengine: lua\nentry: main.lua\npermissions: ${permissions}\n`);
  writeFileSync(path.join(dir, 'main.lua'), source);
  return dir;
}

const WAITER = spell('e2e-waiter', 'print("ready")\nio.write("Your name? ")\nlocal who = io.read()\nprint("Hi " .. tostring(who))\n');
// go-llmspell's convention: stream_chat returns nothing on success, else the error message.
spell('e2e-chat', 'io.write("assistant> ")\nlocal err = llm.stream_chat("hi", function(chunk) io.write(chunk) end)\nprint()\nif err then error(err) end\nprint("done")\n', '{ llm: true }');
spell('e2e-flood', `for i = 1, ${FLOOD_LINES} do print("line " .. i) end\n`);
{
  const dir = spell('e2e-greet', 'print("Hello, " .. params.name .. "!")\nprint("same line")\n');
  writeFileSync(path.join(dir, 'spell.yaml'), 'name: e2e-greet\nversion: 0.1.0\ndescription: e2e-greet for the e2e test.\nengine: lua\nentry: main.lua\nparameters: [{ name: name, type: string, default: world }]\n');
}
spell('e2e-calls', 'for i = 1, 3 do\n  local answer = llm.chat("question " .. i)\n  print(answer)\nend\n', '{ llm: true }');
spell('e2e-lint', 'local x = 1\nprint(x)\n');
{
  const dir = path.join(project, 'spells', 'e2e-js');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), 'name: e2e-js\nversion: 0.1.0\ndescription: e2e-js for the e2e test.\nengine: javascript\nentry: main.js\n');
  writeFileSync(path.join(dir, 'main.js'), 'console.log("js");\n');
}
spell('e2e-long', 'print(string.rep("x", 3000))\nprint("after the long line")\n');

/** A run an earlier studio left `running` when it died: history must not show it running. */
const STALE = { runId: 'stale-run-1', spellPath: WAITER, spellName: 'e2e-waiter', params: {}, startedAt: Date.now() - 3_600_000, status: 'running', output: 'ready\n' };
const staleFile = path.join(home, 'history', `${STALE.startedAt}-${STALE.runId}.run.json`);

beforeAll(async () => {
  await s.page.goto(s.studio.url);
  await s.page.getByRole('status').getByText('Connected').waitFor();
});

async function open(page: Page, name: string, entry = /^main\.lua/): Promise<void> {
  await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
  await page.getByRole('tab', { name: entry }).waitFor();
  // Monaco shows the file (it loads after the first paint).
  await page.locator('#editor-panel .view-line').first().waitFor();
}

const history = (page: Page) => page.getByRole('list', { name: 'Past runs' });

describe('the studio as a daily driver', () => {
  it('marks a run an earlier studio left running as interrupted, on screen and on disk', async () => {
    const { page } = s;
    await open(page, 'e2e-waiter');
    const item = history(page).getByRole('listitem').filter({ hasText: 'the studio closed during this run' });
    await item.waitFor();
    expect(await item.textContent()).toContain(', failed');
    expect(await history(page).getByText(', running').count()).toBe(0);
    expect(JSON.parse(readFileSync(staleFile, 'utf8'))).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
  });

  it('focuses the input box and says the spell waits when it calls io.read', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+E'); // the editor has the focus, as while typing
    await s.ui.run.click();
    await s.ui.output.getByText('Your name?').waitFor();
    await s.ui.status.getByText('waiting for input').waitFor();
    await page.getByText('Waiting for input', { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Input for io.read');
  });

  it('re-attaches to the live run after a reload: console so far, input box, and its end in history', async () => {
    const { page } = s;
    await page.reload();
    await s.ui.status.getByText(/Running/).waitFor();
    await s.ui.output.getByText('ready').waitFor();
    await s.ui.output.getByText('Your name?').waitFor();
    expect(await s.ui.stop.isEnabled()).toBe(true);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Input for io.read');
    await history(page).getByText(', running').waitFor();
    await s.ui.input.fill('Ada');
    await s.ui.input.press('Enter');
    await s.ui.output.getByText('Hi Ada').waitFor();
    await s.ui.waitForStatus(/Finished/);
    await history(page).getByText(', ok').first().waitFor();
    expect(await history(page).getByText(', running').count()).toBe(0);
  });

  it('stops a run started before a reload', async () => {
    const { page } = s;
    await s.ui.run.click();
    await s.ui.status.getByText('waiting for input').waitFor();
    await page.reload();
    await s.ui.status.getByText(/Running/).waitFor();
    await s.ui.stop.click();
    await s.ui.waitForStatus(/Stopped/, 5000);
    await history(page).getByText(', stopped').first().waitFor();
    expect(await history(page).getByText(', running').count()).toBe(0);
  });

  it('shows streamed text once when the stream callback writes it (as the CLI does)', async () => {
    const { page } = s;
    await open(page, 'e2e-chat');
    s.llm.enqueue({ content: STORY });
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    const text = await s.ui.outputText();
    expect(text).toContain(`assistant> ${STORY}`);
    expect(text.split('kappa').length - 1).toBe(1);
    expect(text).toContain('done');
  });

  it('renders 50,000 lines with few rows in the DOM, and keeps the whole output for show all and save', async () => {
    const { page } = s;
    await open(page, 'e2e-flood');
    // The console keeps 20,000 lines here (Settings → Output console).
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Lines kept').fill('20000');
    await settings.getByRole('button', { name: 'Save console' }).click();
    await settings.getByText('Saved.').waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();
    await s.ui.run.click();
    try {
      await s.ui.waitForStatus(/Finished/, 60_000);
    } catch (error) {
      // Seen rarely under a full run's load: say what the page and the studio showed.
      const status = await s.ui.status.innerText().catch(() => '?');
      const tail = await s.ui.output.innerText().then((t) => t.slice(-300), () => '?');
      throw new Error(`${(error as Error).message}\nstatus: ${status}\nconsole tail: ${tail}\nstudio stderr: ${s.studio.stderr().slice(-2000)}`);
    }
    await s.ui.output.getByText(`line ${FLOOD_LINES}`, { exact: true }).waitFor();
    expect(await s.ui.output.locator('.c-row').count()).toBeLessThan(300);
    const notice = page.getByRole('note').filter({ hasText: 'earlier lines are not kept' });
    await notice.getByText(/^30,00\d earlier lines are not kept here \(the console keeps the last 20,000/).waitFor();

    const download = page.waitForEvent('download');
    await notice.getByRole('button', { name: 'Save all output' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(FLOOD_LINES);
    expect([lines[0], lines.at(-1)]).toEqual(['line 1', `line ${FLOOD_LINES}`]);

    await notice.getByRole('button', { name: 'Show all' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await s.ui.output.locator('.c-row').count()).toBeLessThan(300);
    await s.ui.output.evaluate((el) => (el.scrollTop = 0));
    await s.ui.output.getByText('line 1', { exact: true }).waitFor();
    expect(await s.ui.output.locator('.c-row').count()).toBeLessThan(300);
  }, 90_000); // 50,000 lines through the real studio take over 30 s on a busy machine

  it('shows the model runs use, tests a provider connection, and drops a saved key when its URL changes', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const provider = (name: string) => dialog.getByRole('form', { name: `Provider ${name}` });
    // By its name in the summary: a closed <details> hides its form from role queries.
    const summary = (name: string) => dialog.locator('summary').filter({ has: page.locator('.provider-name').getByText(name, { exact: true }) });
    // OPENAI_MODEL says test-model: the settings show it, and the chat run above asked for it.
    await summary('openai').getByText('test-model', { exact: true }).waitFor();
    expect(s.llm.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => (r.body as { model?: string }).model)).toContain('test-model');
    await provider('openai').getByRole('button', { name: 'Test connection to openai' }).click();
    await provider('openai').getByRole('status').getByText('Connected: 2 models (test-model, test-model-large)').waitFor();

    await summary('anthropic').click();
    const anthropic = provider('anthropic');
    await anthropic.getByLabel('Base URL').fill('http://127.0.0.1:1/v1');
    await anthropic.getByRole('button', { name: 'Test connection to anthropic' }).click();
    await anthropic.getByRole('status').getByText(/^Connection failed: /).waitFor();
    await anthropic.getByLabel('Base URL').fill(s.llm.url);
    await anthropic.getByLabel('API key').fill('sk-e2e-anthropic-key');
    await anthropic.getByRole('button', { name: 'Save anthropic' }).click();
    await summary('anthropic').getByText('key set').waitFor();
    await anthropic.getByRole('button', { name: 'Test connection to anthropic' }).click();
    await anthropic.getByRole('status').getByText(/^Connected: 2 models/).waitFor();
    // A new URL without a new key: the key saved for the old URL is removed, and the user told why.
    await anthropic.getByLabel('Base URL').fill(s.llm.url.replace('127.0.0.1', 'localhost'));
    await anthropic.getByRole('button', { name: 'Save anthropic' }).click();
    await dialog.getByText('Its key was removed because the URL changed').waitFor();
    await summary('anthropic').getByText('no key').waitFor();
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain('sk-e2e-anthropic-key');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('marks unknown bridge members, wrong arguments and undefined globals, and a run error on its line', async () => {
    const { page } = s;
    await open(page, 'e2e-lint');
    await s.ui.replaceEditorText('local answer = llm.chatt("hi")\nllm.chat(42)\npirnt(answer)\n');
    const bar = page.getByRole('contentinfo');
    await bar.getByText('2 errors').waitFor();
    await bar.getByText('1 warning').waitFor();
    await s.ui.editor.locator('.squiggly-error').nth(1).waitFor();
    await s.ui.editor.locator('.squiggly-warning').first().waitFor();

    await s.ui.replaceEditorText('local x = 1\nprint("before")\nerror("boom " .. x)\n');
    await bar.getByText('0 errors').waitFor();
    await page.keyboard.press('Control+Enter');
    await s.ui.waitForStatus(/Failed/);
    // The run's error is marked on line 3, until that file is edited.
    const mark = s.ui.editor.locator('.squiggly-error');
    await mark.first().waitFor();
    const line3 = await s.ui.editor.locator('.view-line').nth(2).boundingBox();
    const squiggle = await mark.first().boundingBox();
    expect(Math.abs(squiggle!.y - line3!.y)).toBeLessThan(20);
    await s.ui.focusEditorEnd();
    await page.keyboard.type('-- edited');
    await mark.first().waitFor({ state: 'detached' });
  });

  it('formats Lua and JavaScript with Format Document', async () => {
    const { page } = s;
    await open(page, 'e2e-lint');
    await s.ui.replaceEditorText('local   x=1\nif x then print( "a" ) end\n');
    await page.keyboard.press('Shift+Alt+F');
    await expect.poll(() => s.ui.editorText(), { timeout: 10_000 }).toContain('if x then\n  print("a")\nend');
    await s.ui.tab('main.lua').getByText('(unsaved)').waitFor({ state: 'attached' });
    await page.keyboard.press('Control+S');

    await open(page, 'e2e-js', /^main\.js/);
    await s.ui.replaceEditorText('const  x={a:1}\nfunction f( ){return x}\n');
    await page.keyboard.press('Shift+Alt+F');
    await expect.poll(() => s.ui.editorText(), { timeout: 10_000 }).toContain('const x = { a: 1 };');
    expect(await s.ui.editorText()).toContain('function f() {\n  return x;\n}');
    // Text that does not parse is left alone, with the reason shown.
    await s.ui.replaceEditorText('const = ;\n');
    await page.keyboard.press('Shift+Alt+F');
    await page.getByRole('alert').getByText(/^content: cannot format main\.js: Unexpected token/).waitFor();
    expect(await s.ui.editorText()).toContain('const = ;');
    await s.ui.replaceEditorText('console.log("js");\n');
    await page.keyboard.press('Control+S');
  });

  it('compares two runs side by side (parameters and an output diff) and re-runs one with its parameters', async () => {
    const { page } = s;
    await open(page, 'e2e-greet');
    const name = page.getByLabel('name', { exact: true });
    for (const who of ['Ada', 'Grace']) {
      await name.fill(who);
      await s.ui.run.click();
      await s.ui.output.getByText(`Hello, ${who}!`).waitFor();
      await s.ui.waitForStatus(/Finished/);
    }
    await history(page).getByRole('listitem').nth(1).waitFor();
    const boxes = history(page).getByRole('checkbox', { name: /^Compare the run of/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare (2/2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare runs' });
    const params = dialog.getByRole('table', { name: 'Parameters' });
    await params.getByRole('row', { name: /name \(changed\) Ada Grace/ }).waitFor();
    const diff = dialog.getByLabel('Output diff');
    await diff.getByText('- Hello, Ada!').waitFor();
    await diff.getByText('+ Hello, Grace!').waitFor();
    expect(await diff.locator('.diff-same').filter({ hasText: 'same line' }).count()).toBe(1);
    await dialog.getByText('(2 changed lines)').waitFor();
    await dialog.getByRole('button', { name: 'Re-run left with its parameters' }).click();
    await dialog.waitFor({ state: 'detached' });
    await s.ui.output.getByText('Hello, Ada!').waitFor();
    await s.ui.waitForStatus(/Finished/);
    expect(await name.inputValue()).toBe('Ada');
  });

  it('shows a run trace: every bridge call on a timeline, with counts per function', async () => {
    const { page } = s;
    await open(page, 'e2e-calls');
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    await history(page).getByRole('listitem').first().getByRole('button', { name: /^Trace of the run of/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Run trace' });
    await dialog.getByLabel('Calls per function').getByText('llm.chat × 3').waitFor();
    const calls = dialog.getByRole('list', { name: 'Calls' }).getByRole('listitem');
    expect(await calls.count()).toBe(3);
    // issue 15: each LLM call also shows its model, tokens and cost (test-model has no price)
    expect(await calls.first().textContent()).toMatch(/^llm\.chat\+[\d.]+ m?s [\d.]+ m?stest-model · \d+ in \/ \d+ out · no price$/);
    // Each bar sits at its call's start on the run's timeline: the three calls one after another.
    const lefts = await dialog.locator('.trace-bar').evaluateAll((bars) => bars.map((b) => parseFloat((b as HTMLElement).style.left)));
    expect(lefts).toHaveLength(3);
    expect(lefts[0]!).toBeLessThan(lefts[1]!);
    expect(lefts[1]!).toBeLessThan(lefts[2]!);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('wraps a long line in the console instead of scrolling sideways', async () => {
    const { page } = s;
    await open(page, 'e2e-long');
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    await s.ui.output.getByText('after the long line').waitFor();
    const { scrollWidth, clientWidth } = await s.ui.output.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // A line of its own is one line high; the long one wraps to many.
    expect((await s.ui.output.locator('.c-row').filter({ hasText: 'after the long line' }).boundingBox())!.height).toBe(19);
    expect(await s.ui.outputText()).toContain('x\nafter the long line\n');
    const long = s.ui.output.locator('.c-row').filter({ hasText: 'xxxxxxxxxx' });
    expect((await long.boundingBox())!.height).toBeGreaterThan(19 * 4);
  });

  it('folds the side panes into toggles in a narrow window', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 900, height: 760 });
    const library = page.getByRole('navigation', { name: 'Library' });
    const side = page.getByRole('complementary', { name: 'Run settings and history' });
    await library.waitFor({ state: 'detached' });
    expect(await side.count()).toBe(0);
    const libraryToggle = page.getByRole('button', { name: 'Library', exact: true });
    await libraryToggle.click();
    await library.waitFor();
    expect(await libraryToggle.getAttribute('aria-expanded')).toBe('true');
    await libraryToggle.click();
    await library.waitFor({ state: 'detached' });
    // Opening a spell from the library overlay puts the editor back in view.
    await libraryToggle.click();
    await library.getByRole('button', { name: 'e2e-waiter', exact: true }).click();
    await library.waitFor({ state: 'detached' });
    await page.getByRole('banner').getByText('e2e-waiter', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Parameters & history' }).click();
    await side.waitFor();
    await history(page).getByRole('listitem').first().waitFor();
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, '.tmp', 'studio-narrow.png') });
    await page.getByRole('button', { name: 'Parameters & history' }).click();
    // The console still wraps rather than scrolls at this width.
    const { scrollWidth, clientWidth } = await s.ui.output.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.setViewportSize({ width: 1400, height: 860 });
    await library.waitFor();
  });

  it('turns Run off while disconnected, fails requests made during the drop clearly, and picks the run up again on reconnect', async () => {
    const page = await s.browser.context.newPage();
    let allow = true;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws/, (route) => {
      if (!allow) return void route.close({ code: 1011, reason: 'network down (test)' });
      sockets.push(route);
      route.connectToServer();
    });
    try {
      const p = studioPage(page);
      await page.goto(s.studio.url);
      await page.getByRole('status').getByText('Connected').waitFor();
      await open(page, 'e2e-waiter');
      await p.run.click();
      await p.status.getByText('waiting for input').waitFor();

      allow = false;
      for (const socket of sockets.splice(0)) await socket.close();
      await page.getByRole('status').getByText(/Disconnected/).waitFor();
      await page.getByRole('note').getByText('Not connected to the studio host').waitFor();
      // Our run is still shown as running; a line typed now is refused with a clear reason.
      await p.input.fill('Grace');
      await p.input.press('Enter');
      await p.output.getByText(/not connected to the studio host: runs.input was not sent/).waitFor();

      allow = true;
      await page.getByRole('status').getByText('Connected').waitFor({ timeout: 15_000 });
      await p.status.getByText('waiting for input').waitFor();
      await p.input.fill('Grace');
      await p.input.press('Enter');
      await p.output.getByText('Hi Grace').waitFor();
      await p.waitForStatus(/Finished/);

      // Down again, with no run: Run is off and says why; Ctrl+Enter starts nothing.
      allow = false;
      for (const socket of sockets.splice(0)) await socket.close();
      await page.getByRole('note').getByText('Not connected to the studio host').waitFor();
      expect(await p.run.isDisabled()).toBe(true);
      await page.keyboard.press('Alt+E');
      await page.keyboard.press('Control+Enter');
      await page.waitForTimeout(300);
      expect(await p.status.textContent()).not.toMatch(/Starting/);
      allow = true;
      await page.getByRole('status').getByText('Connected').waitFor({ timeout: 15_000 });
      await expect.poll(() => p.run.isEnabled()).toBe(true);
    } finally {
      await page.close();
    }
  });
});
