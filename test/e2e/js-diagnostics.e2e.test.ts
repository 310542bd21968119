/**
 * Diagnostics of JavaScript spells in the studio, end to end: the real `llmspell studio` with a
 * temporary LLMSPELL_HOME and project, and Debian's Chromium. A user types an unknown bridge member,
 * a call with too many arguments and a misspelt global into a JavaScript spell in Monaco and sees each
 * marked with its message (read from the host's linter via files.diagnose); a syntax error too; and a
 * run that throws is marked on the line that threw.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-jsdiag-', { timeoutMs: 15_000 });
const { project } = s;

{
  const dir = path.join(project, 'spells', 'e2e-jsdiag');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), 'name: e2e-jsdiag\nversion: 0.1.0\ndescription: e2e-jsdiag for the e2e test.\nengine: javascript\nentry: main.js\npermissions: { llm: true }\n');
  writeFileSync(path.join(dir, 'main.js'), 'console.log("ready");\n');
}

beforeAll(async () => {
  await s.page.goto(s.studio.url);
  await s.page.getByRole('status').getByText('Connected').waitFor();
});

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
    const { page } = s;
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'e2e-jsdiag', exact: true }).click();
    await s.ui.tab('main.js').waitFor();
    await page.locator('#editor-panel .view-line').first().waitFor();
    const bar = page.getByRole('contentinfo');
    await bar.getByText('0 errors').waitFor();

    await s.ui.focusEditorEnd();
    await page.keyboard.type('const answer = await llm.chatt');
    // Close the completion list, as a user does who means what they typed.
    await page.keyboard.press('Escape');
    await page.keyboard.type('("hi");\nawait llm.chat');
    await page.keyboard.press('Escape');
    // Closing brackets typed out: Monaco types over the ones it closed itself, and adds none when a
    // suggestion took the "(" first, so the text is the same either way.
    await page.keyboard.type('("a", {}, 3);\npirnt');
    await page.keyboard.press('Escape');
    await page.keyboard.type('(answer);');
    expect(await s.ui.editorText()).toContain('const answer = await llm.chatt("hi");');
    expect(await s.ui.editorText()).toContain('await llm.chat("a", {}, 3);');

    await bar.getByText('3 errors').waitFor();
    await s.ui.editor.locator('.squiggly-error').nth(2).waitFor();
    expect(await markerMessages(page, 3)).toEqual([
      "2:26 llm.chatt: llm has no member 'chatt' (did you mean chat?)",
      '3:7 llm.chat takes at most 2 arguments (prompt, opts), got 3',
      "4:1 'pirnt' is not defined",
    ]);

    // Fixed, the marks go.
    await s.ui.replaceEditorText('const answer = await llm.chat("hi");\nconsole.log(answer);\n');
    await bar.getByText('0 errors').waitFor();
    expect(await s.ui.editor.locator('.squiggly-error').count()).toBe(0);
  });

  it('marks a wrong literal type, too few arguments and a syntax error', async () => {
    const { page } = s;
    const bar = page.getByRole('contentinfo');
    await s.ui.replaceEditorText('await llm.chat(42);\nsetTimeout();\n');
    await bar.getByText('2 errors').waitFor();
    expect(await markerMessages(page, 2)).toEqual([
      "1:16 llm.chat: argument #1 'prompt' expects string, got integer",
      '2:1 setTimeout expects at least 1 argument (callback, delay), got 0',
    ]);
    await s.ui.replaceEditorText('const x = 1;\nconst = ;\n');
    await bar.getByText('1 error').waitFor();
    expect(await markerMessages(page, 1)).toEqual(['2:7 Unexpected token']);
  });

  it('marks the error of a failed run on the line that threw, until that file is edited', async () => {
    const { page } = s;
    const bar = page.getByRole('contentinfo');
    await s.ui.replaceEditorText('console.log("before");\nconst n = 1;\nthrow new Error("boom " + n);\n');
    await bar.getByText('0 errors').waitFor();
    await page.keyboard.press('Control+Enter');
    await s.ui.waitForStatus(/Failed/);
    await s.ui.output.getByText('before').waitFor();
    const mark = s.ui.editor.locator('.squiggly-error');
    await mark.first().waitFor();
    const line3 = await s.ui.editor.locator('.view-line').nth(2).boundingBox();
    const squiggle = await mark.first().boundingBox();
    expect(Math.abs(squiggle!.y - line3!.y)).toBeLessThan(20);
    expect(await markerMessages(page, 1)).toEqual(['3:1 run error: e2e-jsdiag/main.js:3: Error: boom 1']);
    await s.ui.focusEditorEnd();
    await page.keyboard.type('// edited');
    await mark.first().waitFor({ state: 'detached' });
  });
});
