/**
 * The studio's Batch action end to end: the real `llmspell studio`, Debian's Chromium through
 * playwright-core, a file picked through the file input, columns mapped, the batch run over real
 * engine processes, its progress and rows shown, exported, and listed in the run history.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-batch-', {
  timeoutMs: 20_000,
  setupTimeoutMs: 90_000,
  prepare: ({ project }) => {
    const spell = path.join(project, 'spells', 'shout');
    mkdirSync(spell, { recursive: true });
    writeFileSync(
      path.join(spell, 'spell.yaml'),
      'name: shout\nversion: 1.0.0\ndescription: Shouts a word\nengine: lua\nentry: main.lua\nparameters:\n  - name: word\n    type: string\n    required: true\n  - name: times\n    type: integer\n    default: 1\n',
    );
    writeFileSync(path.join(spell, 'main.lua'), 'print(string.rep(string.upper(params.word) .. "!", params.times, " "))\n');
  },
});

describe('Batch in the studio', () => {
  it('runs a spell over a picked CSV with mapped columns, shows progress and rows, exports them, and lists the batch in history', async () => {
    const { page } = s;
    await page.goto(s.studio.url);
    await page.getByRole('status').getByText('Connected').waitFor();
    await page.getByRole('button', { name: 'Batch shout' }).click();
    const dialog = page.getByRole('dialog', { name: 'Batch: shout' });
    await dialog.getByLabel(/Input file/).setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('id,text,times\n1,hey,2\n2,yo,many\n3,ok,1\n') });
    await dialog.getByTestId('batch-preview').getByText('words.csv: 3 rows, columns id, text, times').waitFor();
    // `times` maps itself by name; `word` comes from the `text` column.
    expect(await dialog.getByLabel('times', { exact: true }).inputValue()).toBe('times');
    await dialog.getByLabel('word', { exact: true }).selectOption('text');
    await dialog.getByRole('button', { name: 'Run batch' }).click();
    await dialog.getByTestId('batch-status').getByText('Done: 3/3 rows, 1 failed').waitFor({ timeout: 120_000 });
    const rows = dialog.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(1).innerText()).toContain('HEY! HEY!');
    expect(await rows.nth(2).innerText()).toContain("parameter 'times': expected an integer");
    expect(await rows.nth(3).innerText()).toContain('OK!');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export JSONL' }).click();
    const file = path.join(s.dir, 'export.jsonl');
    await (await download).saveAs(file);
    const exported = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { key: string; status: string });
    expect(exported.map((r) => `${r.key}:${r.status}`)).toEqual(['1:ok', '2:failed', '3:ok']);

    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'shout', exact: true }).click();
    const history = page.getByRole('list', { name: 'Past runs' });
    await history.getByText(/words\.csv/).first().waitFor();
  }, 240_000);
});
