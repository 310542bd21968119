import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A Chromium with a fresh profile folder of its own, and its first page. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  profile: string;
  /** Closes the browser, waits until none of its processes is left, removes the profile. */
  close(): Promise<void>;
}

/** Pids of processes whose command line names `needle` (our unique profile folder). */
export function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/**
 * Launches Chromium headless with a fresh temporary `--user-data-dir` (Playwright takes it as the
 * persistent-context folder rather than a flag).
 */
export async function launchBrowser(viewport = { width: 1400, height: 860 }): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'llmspell-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: FLAGS, viewport, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profile,
    async close() {
      await context.close();
      for (let i = 0; i < 50 && processesWith(profile).length; i++) await new Promise((r) => setTimeout(r, 100));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
