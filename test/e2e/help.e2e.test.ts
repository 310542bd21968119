/**
 * The Help panel end to end: the real `llmspell studio`, Debian's Chromium; the docs pages come from
 * the host over the Studio API and render as elements (headings, code, tables, links between pages).
 */
import { describe, expect, it } from 'vitest';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-help-e2e-');

describe('the Help panel', () => {
  it('lists the docs, opens the index, and follows a link to another page', async () => {
    const { page } = s;
    await page.goto(s.studio.url);
    await page.getByRole('button', { name: 'Help' }).click();
    const help = page.getByRole('dialog', { name: 'Help' });
    const pages = help.getByRole('navigation', { name: 'Docs pages' });
    await pages.getByRole('button', { name: 'Cookbook' }).waitFor();
    const article = help.getByRole('article', { name: 'Docs page' });
    await article.getByRole('heading', { name: 'llmspell studio docs' }).waitFor();
    expect(await pages.getByRole('button').count()).toBeGreaterThanOrEqual(12);

    await article.getByRole('link', { name: 'Cookbook' }).click();
    await article.getByRole('heading', { name: 'Cookbook', level: 2 }).waitFor();
    expect(await article.locator('pre code').first().textContent()).toContain('llm.chat_json');
    expect(await pages.getByRole('button', { name: 'Cookbook' }).getAttribute('aria-current')).toBe('page');

    await pages.getByRole('button', { name: 'Configuration reference' }).click();
    await article.getByRole('cell', { name: 'limits.timeout' }).waitFor();
  }, 60_000);
});
