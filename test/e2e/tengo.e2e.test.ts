/**
 * Tengo in the studio, end to end: the real `llmspell studio` with a temporary LLMSPELL_HOME, the
 * openai provider pointed at the local test LLM server, and Debian's Chromium. A user creates a Tengo
 * spell, sees it highlighted, completes a bridge function, sees a syntax error marked as they type
 * (from our parser, on the server), fixes it and runs the spell.
 */
import { describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-tengo-', { llm: {} });

const SPELL = `fmt := import("fmt")
llm := import("llm")
params := import("params")
answer := llm.chat("hello from " + params.name)
if is_error(answer) { fmt.println("failed: ", answer.value) } else { fmt.println(answer) }
`;

describe('Tengo spells in the studio (Chromium)', () => {
  it('creates a Tengo spell from a template, highlighted as Tengo', async () => {
    const { page } = s;
    await page.goto(s.studio.url);
    await page.getByRole('status').getByText('Connected').waitFor();
    await page.getByRole('button', { name: '+ New spell' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New spell' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-tengo');
    await dialog.getByRole('radio', { name: /Basic/ }).check();
    await dialog.getByRole('radio', { name: 'Tengo' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await s.ui.tab('main.tengo').waitFor();
    await s.ui.editor.getByText('import', { exact: true }).first().waitFor();
    // The Monarch grammar colours a keyword differently from a plain identifier.
    const spans = await s.ui.editor.locator('.view-line span span').evaluateAll((els) => els.map((e) => [e.textContent?.trim() ?? '', e.className]));
    const classOf = (text: string) => spans.find(([t]) => t === text)?.[1];
    expect(classOf('import')).toMatch(/mtk\d+/);
    expect(classOf('import')).not.toBe(classOf('fmt'));
    // Strings get their own colour too.
    expect(classOf('"fmt"')).not.toBe(classOf('fmt'));
    expect(await s.ui.outputText()).not.toContain('Hello');
  });

  it('completes llm. with the bridge functions (Lua names)', async () => {
    const { page } = s;
    await s.ui.focusEditorEnd();
    await page.keyboard.type('\nllm := import("llm")\nreply := llm.');
    const suggestions = page.locator('.suggest-widget');
    await suggestions.getByRole('option', { name: /^stream_chat,/ }).waitFor();
    expect(await suggestions.getByRole('option', { name: /^chat_with_history,/ }).count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('marks syntax and compile errors as they are typed (our parser, on the server)', async () => {
    const { page } = s;
    const errors = page.getByRole('contentinfo').getByText('1 error');
    await s.ui.replaceEditorText('fmt := import("fmt")\nx := [1, 2\n');
    await s.ui.editor.locator('.squiggly-error').first().waitFor();
    await errors.waitFor();
    await s.ui.replaceEditorText(SPELL);
    await errors.waitFor({ state: 'detached' });
    expect(await s.ui.editor.locator('.squiggly-error').count()).toBe(0);
    // No os module: a compile error, found without running anything.
    await s.ui.replaceEditorText('os := import("os")\nos.exit(1)\n');
    await errors.waitFor();
    await s.ui.replaceEditorText(SPELL);
    await errors.waitFor({ state: 'detached' });
  });

  it('saves and runs it like any spell, and links a runtime error to its line', async () => {
    const { page } = s;
    await page.keyboard.press('Control+S');
    await s.ui.tab('main.tengo').getByText('(unsaved)').waitFor({ state: 'detached' });
    // The template has no llm permission: the run says so, as for any spell.
    await s.ui.tab('spell.yaml').click();
    await s.ui.replaceEditorText(
      'name: e2e-tengo\nversion: 0.1.0\ndescription: Greets.\nengine: tengo\nentry: main.tengo\nparameters: [{ name: name, type: string, default: world }]\npermissions: { llm: true }\n',
    );
    await page.keyboard.press('Control+S');
    await s.ui.tab('spell.yaml').getByText('(unsaved)').waitFor({ state: 'detached' });
    await s.ui.tab('main.tengo').click();
    await page.getByLabel('name', { exact: true }).fill('Ada');
    await s.ui.run.click();
    await s.ui.output.getByText('echo: hello from Ada').waitFor();
    await s.ui.waitForStatus(/Finished/);

    await s.ui.replaceEditorText('fmt := import("fmt")\nfmt.println("before")\nx := 1 + "a"\n');
    await page.keyboard.press('Control+Enter');
    await s.ui.waitForStatus(/Failed/);
    expect(await s.ui.outputText()).toContain('Runtime Error: invalid operation: int + string');
    await s.ui.output.getByRole('button', { name: /main\.tengo:3/ }).first().click();
    await page.locator('#editor-panel .active-line-number').getByText('3', { exact: true }).waitFor();
  });
});
