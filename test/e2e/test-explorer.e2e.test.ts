/**
 * Tests in the studio and run replay (issue 15), end to end: the real `llmspell studio`, the openai
 * provider on the local test LLM server, and Debian's Chromium. The test explorer runs a spell's
 * tests with `llmspell test`'s runner (all, one), marks a failed assertion on its line, records
 * cassettes that keep the tests passing with the LLM server gone, and is found again after a reload;
 * a run replayed from its cassette shows the same output in Compare.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-tests-', { llm: { latencyMs: 20, models: ['test-model'] }, timeoutMs: 30_000, setupTimeoutMs: 90_000 });
const { project } = s;

const SPELL = path.join(project, 'spells', 'e2e-echo');
mkdirSync(path.join(SPELL, 'tests'), { recursive: true });
writeFileSync(path.join(SPELL, 'spell.yaml'), 'name: e2e-echo\nversion: 0.1.0\ndescription: e2e-echo for the e2e test.\nengine: lua\nentry: main.lua\nparameters: [{ name: name, type: string, default: World }]\n');
writeFileSync(path.join(SPELL, 'main.lua'), 'local answer = llm.chat("Say hi to " .. params.name)\nprint("Hello, " .. params.name .. "!")\nprint(answer)\n');
// The second case passes only with the LLM server's own answer (the mock says something else).
writeFileSync(
  path.join(SPELL, 'tests', 'echo.test.lua'),
  'test("greets", function()\n  expect(run_spell({ name = "Ada" })).to_contain("Hello, Ada!")\nend)\n\ntest("the model echoes", function()\n  expect(run_spell({ name = "Ada" })).to_contain("echo: Say hi to Ada")\nend)\n',
);

// A test that runs until stopped: the page reloads while it runs.
const SLOW = path.join(project, 'spells', 'e2e-slow');
mkdirSync(path.join(SLOW, 'tests'), { recursive: true });
writeFileSync(path.join(SLOW, 'spell.yaml'), 'name: e2e-slow\nversion: 0.1.0\ndescription: e2e-slow for the e2e test.\nengine: lua\nentry: main.lua\n');
writeFileSync(path.join(SLOW, 'main.lua'), 'print("start")\nwhile true do end\n');
writeFileSync(path.join(SLOW, 'tests', 'slow.test.lua'), 'test("runs until stopped", function()\n  run_spell({})\nend)\n');

beforeAll(async () => {
  const { page } = s;
  await page.goto(s.studio.url);
  await page.getByRole('status').getByText('Connected').waitFor();
  await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'e2e-echo', exact: true }).click();
  await page.getByRole('tab', { name: /^main\.lua/ }).waitFor();
  await page.locator('#editor-panel .view-line').first().waitFor();
}, 60_000);

const tests = (page: Page) => page.getByRole('region', { name: 'Tests' });
const cases = (page: Page) => tests(page).getByRole('list', { name: 'Tests in tests/echo.test.lua' });
const summary = (page: Page) => tests(page).getByRole('status', { name: 'Test results' });

describe('the test explorer', () => {
  it('runs all tests: one passes, the failing one is marked on its line and links to it', async () => {
    const { page } = s;
    await cases(page).getByRole('listitem', { name: 'greets, not run' }).waitFor();
    await cases(page).getByRole('listitem', { name: 'the model echoes, not run' }).waitFor();
    await tests(page).getByRole('button', { name: 'Run all tests' }).click();
    await summary(page).getByText('1 passed, 1 failed').waitFor({ timeout: 60_000 });
    await cases(page).getByRole('listitem', { name: 'greets, passed' }).waitFor();
    const failed = cases(page).getByRole('listitem', { name: 'the model echoes, failed' });
    await failed.getByText(/expected ".*" to contain "echo: Say hi to Ada"/).waitFor();
    expect(await failed.getByText(/\d+(\.\d)? m?s$/).count()).toBe(1); // its duration

    await failed.getByRole('button', { name: 'Go to the failure of the model echoes at tests/echo.test.lua line 6' }).click();
    await s.ui.tab('tests/echo.test.lua').waitFor();
    await page.locator('#editor-panel .active-line-number').getByText('6', { exact: true }).waitFor();
    // The failed assertion is marked on line 6 in the editor.
    const mark = s.ui.editor.locator('.squiggly-error');
    await mark.first().waitFor();
    // Monaco redraws its decorations as it settles: measure until both are on the page at once.
    const distance = async () => {
      const [line6, squiggle] = [await s.ui.editor.locator('.view-line').nth(5).boundingBox(), await mark.first().boundingBox()];
      return line6 && squiggle ? Math.abs(squiggle.y - line6.y) : Number.POSITIVE_INFINITY;
    };
    await expect.poll(distance, { timeout: 10_000 }).toBeLessThan(20);
  }, 90_000);

  it('runs one test alone; the others keep their verdicts', async () => {
    const { page } = s;
    await cases(page).getByRole('button', { name: 'Run test greets' }).click();
    await summary(page).getByText('1 passed, 0 failed').waitFor({ timeout: 60_000 });
    await cases(page).getByRole('listitem', { name: 'greets, passed' }).waitFor();
    await cases(page).getByRole('listitem', { name: 'the model echoes, failed' }).waitFor();
  }, 90_000);
});

describe('compare a run with its replay', () => {
  it('replays a run from its cassette with the same parameters: identical output, no request to the LLM', async () => {
    const { page } = s;
    const name = page.getByLabel('name', { exact: true });
    for (const who of ['Ada', 'Grace']) {
      await name.fill(who);
      await s.ui.run.click();
      await s.ui.output.getByText(`echo: Say hi to ${who}`).waitFor();
      await s.ui.waitForStatus(/Finished/);
    }
    const history = page.getByRole('list', { name: 'Past runs' });
    await history.getByRole('listitem').nth(1).waitFor();
    const boxes = history.getByRole('checkbox', { name: /^Compare the run of/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Compare (2/2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare runs' });
    await dialog.getByText('(4 changed lines)').waitFor();
    const requests = s.llm.requests.length;
    // The older run (Ada) is on the left.
    await dialog.getByRole('button', { name: 'Replay left with the same parameters and cassette' }).click();
    await dialog.getByRole('columnheader', { name: /^Replay · / }).waitFor({ timeout: 30_000 });
    await dialog.getByText('Output (the same)').waitFor();
    const params = dialog.getByRole('table', { name: 'Parameters' });
    await params.getByRole('row', { name: 'name Ada Ada' }).waitFor();
    const diff = dialog.getByLabel('Output diff');
    await diff.getByText('echo: Say hi to Ada').waitFor();
    expect(await diff.locator('.diff-add, .diff-del').count()).toBe(0);
    expect(s.llm.requests.length).toBe(requests);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }, 90_000);
});

describe('recording cassettes', () => {
  it('records with the configured provider; the tests then pass with the LLM server stopped', async () => {
    const { page } = s;
    await s.ui.editor.locator('.squiggly-error').first().waitFor(); // the failure of the model echoes, still marked
    await tests(page).getByRole('button', { name: 'Record cassettes' }).click();
    await summary(page).getByText('2 passed, 0 failed · cassettes recorded').waitFor({ timeout: 60_000 });
    expect(existsSync(path.join(SPELL, 'tests', 'echo.cassette.json'))).toBe(true);
    await tests(page).getByRole('heading', { name: 'tests/echo.test.lua · cassette' }).waitFor();
    await s.llm.close();
    await tests(page).getByRole('button', { name: 'Run all tests' }).click();
    await summary(page).getByText('2 passed, 0 failed', { exact: true }).waitFor({ timeout: 60_000 });
    await cases(page).getByRole('listitem', { name: 'the model echoes, passed' }).waitFor();
    // The mark of the earlier failure is gone.
    await s.ui.editor.locator('.squiggly-error').first().waitFor({ state: 'detached' });
  }, 120_000);
});

describe('a test run and a reload', () => {
  it('re-attaches to tests still running after a reload, and stops them', async () => {
    const { page } = s;
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'e2e-slow', exact: true }).click();
    await tests(page).getByRole('heading', { name: 'tests/slow.test.lua' }).waitFor();
    await tests(page).getByRole('button', { name: 'Run all tests' }).click();
    await summary(page).getByText('Running tests/slow.test.lua…').waitFor();
    await page.reload();
    await page.getByRole('status').getByText('Connected').waitFor();
    // The spell reopens; its test run is found again, still running, and Stop reaches it.
    await tests(page).getByRole('list', { name: 'Tests in tests/slow.test.lua' }).getByRole('listitem', { name: 'runs until stopped, running' }).waitFor();
    await summary(page).getByText('Running tests/slow.test.lua…').waitFor();
    await tests(page).getByRole('button', { name: 'Stop tests' }).click();
    await summary(page).getByText('0 passed, 0 failed (stopped)').waitFor();
  }, 90_000);
});
