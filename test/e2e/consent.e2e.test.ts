/**
 * Install and consent in Chromium: a `.spell` bundle imported by the file picker and by drag and
 * drop, the consent dialog listing exactly what it may do (declined, then approved), the installed
 * spell run, its grant revoked in Settings and asked for again; and a spell exported as a signed
 * bundle that `llmspell install` verifies.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeKeys, packGreeter } from '../helpers/bundles';
import { ROOT, runCli } from '../helpers/cli';
import { useStudioSession } from './studio-session';

const s = useStudioSession('llmspell-e2e-consent-', {
  timeoutMs: 15_000,
  prepare: ({ project }) => {
    mkdirSync(path.join(project, 'spells'), { recursive: true });
    unsignedBundle = packGreeter(path.join(work, 'unsigned'), '1.0.0');
    signedBundle = packGreeter(path.join(work, 'signed'), '1.0.0', { signKey: publisher.keyFile });
  },
});
const { home } = s;
const work = path.join(s.dir, 'work');
const publisher = makeKeys(path.join(s.dir, 'keys'), 'publisher', home);

const SHOTS = path.join(ROOT, '.tmp');
let unsignedBundle = '';
let signedBundle = '';

/** The consent dialog's rows as `label: value`. */
async function rows(dialog: Locator): Promise<string[]> {
  return dialog.locator('.consent-row').evaluateAll((items) => items.map((el) => `${el.querySelector('dt')!.textContent}: ${el.querySelector('dd')!.textContent}`));
}

const expectedRows = (signature: string) => [
  'LLM providers: mock; models: mock-model',
  'Storage: its own files; shared area team-notes (other spells granted team-notes see it too)',
  'Network hosts: api.example.com',
  'Tools: word_count',
  'MCP servers: none',
  'Secrets: none',
  'Limits: wall time 30 s, memory 64 MB',
  'Nested spell runs: none',
  `Signature: ${signature}`,
];

describe('install and consent in the studio', () => {
  it('imports by file picker (declined) and by drag and drop (approved), runs, revokes and is asked again', async () => {
    const { page } = s;
    await page.goto(s.studio.url);
    await s.ui.search.waitFor();
    const library = page.getByRole('navigation', { name: 'Library' });

    // The file picker: an unsigned bundle, with a warning; declined, nothing is installed.
    await page.getByLabel('Spell bundle to import').setInputFiles(unsignedBundle);
    const install = page.getByRole('dialog', { name: 'Install greeter 1.0.0?' });
    await install.waitFor();
    expect(await rows(install)).toEqual(expectedRows('Unsigned: no trusted key vouches for who made it'));
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'consent-install.png') });
    await expect(install.getByText(/Unsigned: nobody you trust vouches/).count()).resolves.toBe(1);
    await install.getByRole('button', { name: 'Decline' }).click();
    await install.waitFor({ state: 'detached' });
    await library.getByText('Declined: greeter 1.0.0 was not installed.').waitFor();
    expect(existsSync(path.join(home, 'spells', 'greeter'))).toBe(false);
    await expect(library.getByRole('button', { name: 'greeter', exact: true }).count()).resolves.toBe(0);

    // Drag and drop: the signed bundle, dropped on the library; approved, installed and opened.
    const bytes = readFileSync(signedBundle).toString('base64');
    const transfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      const raw = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      dt.items.add(new File([raw], 'greeter-1.0.0.spell', { type: 'application/octet-stream' }));
      return dt;
    }, bytes);
    await library.dispatchEvent('dragover', { dataTransfer: transfer });
    await library.dispatchEvent('drop', { dataTransfer: transfer });
    await install.waitFor();
    expect(await rows(install)).toEqual(expectedRows(`Signed by key ${publisher.fingerprint.slice(0, 16)} (publisher.pub)`));
    await install.getByRole('button', { name: 'Install' }).click();
    await install.waitFor({ state: 'detached' });
    await library.getByText('Installed greeter 1.0.0.').waitFor();
    await library.getByRole('button', { name: 'greeter', exact: true }).waitFor();
    await s.ui.tab('spell.yaml').waitFor();

    // Approved at install: the first run does not ask.
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    expect(await s.ui.outputText()).toContain('Hello, world');

    // Revoked in Settings.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const approved = settings.getByRole('list', { name: 'Approved spells' });
    await approved.getByText('greeter 1.0.0').waitFor();
    await expect(settings.getByRole('list', { name: 'What greeter 1.0.0 may do' }).getByRole('listitem').allTextContents()).resolves.toContain('network: api.example.com');
    await page.screenshot({ path: path.join(SHOTS, 'consent-settings.png') });
    await settings.getByRole('button', { name: 'Revoke greeter 1.0.0' }).click();
    await settings.getByText(/No installed spell has been approved yet/).waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();
    await settings.waitFor({ state: 'detached' });

    // Asked again: declining runs nothing, approving runs it.
    await page.getByLabel('name', { exact: true }).fill('Ada');
    await s.ui.run.click();
    const allow = page.getByRole('dialog', { name: 'Allow greeter 1.0.0 to run?' });
    await allow.waitFor();
    await allow.getByText('You revoked its approval.').waitFor();
    expect(await rows(allow)).toEqual(expectedRows(`Signed by key ${publisher.fingerprint.slice(0, 16)} (publisher.pub)`));
    await allow.getByRole('button', { name: 'Decline' }).click();
    await allow.waitFor({ state: 'detached' });
    expect(await s.ui.outputText()).not.toContain('Ada');
    await s.ui.run.click();
    await allow.waitFor();
    await allow.getByRole('button', { name: 'Allow and run' }).click();
    await page.getByRole('log', { name: 'Output' }).getByText('Hello, Ada').waitFor();
    await s.ui.waitForStatus(/Finished/);
    // remembered: the next run does not ask
    await s.ui.run.click();
    await s.ui.waitForStatus(/Finished/);
    await expect(allow.count()).resolves.toBe(0);
  }, 90_000);

  it('exports a spell as a signed bundle that llmspell install verifies', async () => {
    const { page } = s;
    const signing = makeKeys(path.join(home, 'keys'), 'signing');
    const library = page.getByRole('navigation', { name: 'Library' });
    const [download] = await Promise.all([page.waitForEvent('download'), library.getByRole('button', { name: 'Export greeter' }).click()]);
    expect(download.suggestedFilename()).toBe('greeter-1.0.0.spell');
    const saved = path.join(work, 'downloaded', download.suggestedFilename());
    await download.saveAs(saved);
    await library.getByText(`Exported greeter-1.0.0.spell, signed by key ${signing.fingerprint.slice(0, 16)}.`).waitFor();

    // Another machine that trusts the exporting key installs it without --allow-unsigned.
    const other = path.join(s.dir, 'other-home');
    mkdirSync(path.join(other, 'trusted-keys'), { recursive: true });
    execFileSync('cp', [signing.pubFile, path.join(other, 'trusted-keys', 'studio.pub')]);
    const result = await runCli(['install', saved], { cwd: s.dir, env: { HOME: s.dir, LLMSPELL_HOME: other } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`signature verified with trusted key ${signing.fingerprint.slice(0, 16)}`);
    expect(result.stdout).toContain('installed greeter 1.0.0');
  }, 60_000);
});
