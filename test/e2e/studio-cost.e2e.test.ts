/**
 * Run trace and cost (issue 15), end to end: the real `llmspell studio` with the openai provider on
 * the local test LLM server (which reports usage tokens), and Debian's Chromium. The trace shows each
 * LLM call's model, tokens, latency and cost and the run's total; a cost cap set in Settings, with a
 * price set there too, stops a run with `cost_limit`; a trace of 1,000 calls keeps few rows in the DOM.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-cost-', {
  llm: { latencyMs: 10 },
  // gpt-4o-mini has a shipped price ($0.15 / $0.60 per million tokens)
  env: { OPENAI_MODEL: 'gpt-4o-mini' },
  timeoutMs: 15_000,
  prepare: () => seedBigTrace(),
});
const { home, project } = s;

function spell(name: string, source: string): string {
  const dir = path.join(project, 'spells', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 0.1.0\ndescription: ${name} for the e2e test.\nengine: lua\nentry: main.lua\npermissions: { llm: true }\n`);
  writeFileSync(path.join(dir, 'main.lua'), source);
  return dir;
}

spell('cost-calls', 'for i = 1, 3 do\n  print(llm.chat("question number " .. i))\nend\n');
// Each call costs a few tenths of a cent at the price the test sets (the echoed answer is a few output
// tokens at $1,000 per million), so a $0.05 cap stops the loop well before its 20 rounds.
spell('cost-loop', 'for i = 1, 20 do\n  local answer, err = llm.chat("round " .. i, { model = "e2e-priced" })\n  print(i, answer ~= nil)\nend\nprint("never reached")\n');
const BIG = spell('cost-big', 'print("seeded")\n');

/** A past run of cost-big with 1,000 LLM calls in its events, written as the studio's history does. */
function seedBigTrace(): void {
  const dir = path.join(home, 'history');
  mkdirSync(dir, { recursive: true });
  const startedAt = Date.now() - 60_000;
  const runId = 'big-trace';
  const events: unknown[] = [{ type: 'started', runId, at: startedAt }];
  for (let i = 0; i < 1000; i++) {
    const at = startedAt + i * 20;
    events.push({ type: 'llm', runId, provider: 'openai', model: 'gpt-4o-mini', inputTokens: 100, outputTokens: 10, durationMs: 9, startedAt: at, ok: true, cost: 0.000021, priced: true, totalCost: (i + 1) * 0.000021 });
    events.push({ type: 'call', runId, method: 'llm.chat', durationMs: 10, ok: true, startedAt: at });
  }
  events.push({ type: 'finished', runId, ok: true, durationMs: 20_000 });
  const record = { runId, spellPath: BIG, spellName: 'cost-big', params: {}, startedAt, status: 'ok', durationMs: 20_000, output: '', cost: 0.021 };
  writeFileSync(path.join(dir, `${startedAt}-${runId}.run.json`), JSON.stringify(record));
  writeFileSync(path.join(dir, `${startedAt}-${runId}.events.json`), JSON.stringify(events));
}

beforeAll(async () => {
  await s.page.goto(s.studio.url);
  await s.page.getByRole('status').getByText('Connected').waitFor();
});

async function open(page: Page, name: string): Promise<void> {
  await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
  await page.locator('#editor-panel .view-line').first().waitFor();
}

const history = (page: Page) => page.getByRole('list', { name: 'Past runs' });

async function openTrace(page: Page) {
  await history(page).getByRole('listitem').first().getByRole('button', { name: /^Trace of the run of/ }).click();
  return page.getByRole('dialog', { name: 'Run trace' });
}

describe('run trace and cost in the studio', () => {
  it('shows each LLM call with its model, tokens, latency and cost, and the run\'s total', async () => {
    const { page } = s;
    await open(page, 'cost-calls');
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    // the history lists the run's cost
    await history(page).getByRole('listitem').first().getByText(/\$0\.00\d\d|<\$0\.0001/).waitFor();
    const dialog = await openTrace(page);
    const perModel = dialog.getByLabel('Cost per model');
    await perModel.getByText(/^gpt-4o-mini × 3 · \d+ in \/ \d+ out · <?\$/).waitFor();
    const badge = (await perModel.textContent()) ?? '';
    const [, input, output] = /(\d+) in \/ (\d+) out/.exec(badge)!.map(Number);
    // the tokens are the server's own counts, priced at the shipped $0.15 / $0.60 per million
    const cost = (input! * 0.15 + output! * 0.6) / 1e6;
    const total = cost < 0.0001 ? '<$0.0001' : `$${cost.toFixed(4)}`;
    expect(await dialog.locator('.trace-total').textContent()).toBe(`cost ${total}`);
    const calls = dialog.getByRole('list', { name: 'Calls' }).getByRole('listitem');
    expect(await calls.count()).toBe(3);
    for (const text of await calls.allTextContents()) {
      expect(text).toMatch(/^llm\.chat\+[\d.]+ m?s [\d.]+ m?sgpt-4o-mini · \d+ in \/ \d+ out · (\$0\.\d{4}|<\$0\.0001)$/);
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('stops a run at the cost cap set in Settings, with a price set there too', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    // a shipped price is listed where it comes from
    await settings.getByRole('table', { name: 'Prices' }).getByRole('row').filter({ hasText: 'gpt-4o-mini' }).getByText('shipped').waitFor();
    const priceForm = settings.getByRole('form', { name: 'Set a price' });
    await priceForm.getByLabel('Model').fill('e2e-priced');
    await priceForm.getByLabel('Input $ / 1M tokens').fill('0');
    await priceForm.getByLabel('Output $ / 1M tokens').fill('1000');
    await priceForm.getByRole('button', { name: 'Save price' }).click();
    await settings.getByRole('table', { name: 'Prices' }).getByRole('row').filter({ hasText: 'e2e-priced' }).getByText('set here').waitFor();
    await settings.getByLabel('Cost cap per run (US $)').fill('0.05');
    await settings.getByRole('button', { name: 'Save limits' }).click();
    await settings.getByText('Saved.').waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();
    // saved: the form opens again with the cap
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForFunction(() => (document.getElementById('limit-cost') as HTMLInputElement | null)?.value === '0.05');
    await settings.getByRole('button', { name: 'Close' }).click();

    await open(page, 'cost-loop');
    await s.ui.run.click();
    await s.ui.waitForStatus(/Failed/);
    await s.ui.output.getByText(/LLM cost limit exceeded: the run spent \$0\.0\d{3}, over its limit of \$0\.0500 \(limits\.cost\)/).waitFor();
    const text = await s.ui.outputText();
    expect(text).toContain('1\ttrue');
    // past the cap no call is answered (refused ones may print before the stop reaches the spell)
    expect(text).not.toMatch(/^20\ttrue/m);
    const item = history(page).getByRole('listitem').first();
    await item.getByText(', failed').waitFor();
    const dialog = await openTrace(page);
    const spent = ((await dialog.locator('.trace-total').textContent()) ?? '').replace('cost $', '');
    expect(Number(spent)).toBeGreaterThan(0.05);
    expect(Number(spent)).toBeLessThan(0.1);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // removing the cap lets the same spell run to its end
    await page.getByRole('button', { name: 'Settings' }).click();
    await settings.getByLabel('Cost cap per run (US $)').fill('');
    await settings.getByRole('button', { name: 'Save limits' }).click();
    await settings.getByText('Saved.').waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.waitForFunction(() => (document.getElementById('limit-cost') as HTMLInputElement | null)?.value === '');
    await settings.getByRole('button', { name: 'Close' }).click();
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    await s.ui.output.getByText('never reached').waitFor();
  }, 60_000);

  it('opens a trace of 1,000 calls with only the rows in view in the DOM, and scrolls to the last', async () => {
    const { page } = s;
    await open(page, 'cost-big');
    const dialog = await openTrace(page);
    const list = dialog.getByRole('list', { name: 'Calls' });
    await dialog.getByLabel('Cost per model').getByText(/^gpt-4o-mini × 1000 · 100000 in \/ 10000 out · \$0\.0210$/).waitFor();
    expect(await dialog.locator('.trace-total').textContent()).toBe('cost $0.0210');
    expect(await list.getAttribute('data-count')).toBe('1000');
    const rows = list.getByRole('listitem');
    expect(await rows.count()).toBeLessThan(100);
    // the list scrolls in its dialog, not the page: only a screenful of rows fits
    expect(await list.evaluate((el) => el.parentElement!.clientHeight)).toBeLessThan(600);
    await list.evaluate((el) => (el.parentElement!.scrollTop = el.parentElement!.scrollHeight));
    // the last call starts 19,980 ms into the run
    await list.getByRole('listitem').last().getByText(/^\+20\.0 s 10 ms$/).waitFor();
    expect(await rows.count()).toBeLessThan(100);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
