import type { Locator, Page } from 'playwright-core';

/** Ways into the studio page, by role and accessible name as a user (or screen reader) finds them. */
export function studioPage(page: Page) {
  const output = page.getByRole('log', { name: 'Output' });
  const editor = page.locator('#editor-panel .monaco-editor');
  const ui = {
    page,
    output,
    editor,
    search: page.getByRole('searchbox', { name: 'Search spells' }),
    run: page.getByRole('button', { name: 'Run', exact: true }),
    stop: page.getByRole('button', { name: 'Stop', exact: true }),
    status: page.getByRole('status', { name: 'Run status' }),
    input: page.getByRole('textbox', { name: 'Input for io.read' }),
    tab: (name: string): Locator => page.getByRole('tab', { name: new RegExp(`^${name.replace('.', '\\.')}`) }),

    /** The text of the Output console. */
    outputText: async () => (await output.textContent()) ?? '',

    /** Focuses the editor with its shortcut (Alt+E) and puts the cursor at the end. */
    async focusEditorEnd() {
      await page.keyboard.press('Alt+E');
      await page.keyboard.press('Control+End');
    },

    /** Replaces the active file's text as one edit (like a paste: no auto-closing of brackets). */
    async replaceEditorText(text: string) {
      await page.keyboard.press('Alt+E');
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    },

    /** The active file's text as Monaco holds it. */
    async editorText() {
      return editor.evaluate((el) => (el.querySelector('.view-lines') as HTMLElement).innerText.replace(/\u00a0/g, ' '));
    },

    /** Waits until the run status shows `label` (Finished, Failed, Stopped...). */
    async waitForStatus(label: RegExp, timeout = 20_000) {
      await ui.status.getByText(label).waitFor({ timeout });
    },
  };
  return ui;
}
