/**
 * One e2e session: a temporary LLMSPELL_HOME and project, the real `llmspell studio` (on the local
 * OpenAI-compatible test server, or the offline mock), and Debian's Chromium. Registers its own
 * beforeAll/afterAll, and on teardown proves nothing is left running: no browser process, no studio,
 * no orphaned engine of this checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer, type LlmServerOptions } from '../helpers/llm-server';
import { ownOrphansAfter } from '../helpers/own-orphans';
import { isAlive } from '../helpers/processes';
import { startStudio, type StudioProcess } from '../helpers/studio';
import { launchBrowser, processesWith, type TestBrowser } from './browser';
import { studioPage } from './studio-page';

export interface SessionOptions {
  /** The local LLM server's options; without it the studio runs on the offline mock provider. */
  llm?: LlmServerOptions;
  /** Writes the project's files before the studio starts (folders exist by then). */
  prepare?: (paths: SessionPaths) => void;
  /** More environment for the studio (over the provider settings). */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** Playwright's default timeout for the page. */
  timeoutMs?: number;
  /** For beforeAll and afterAll. */
  setupTimeoutMs?: number;
}

export interface SessionPaths {
  dir: string;
  home: string;
  project: string;
  /** `.tmp/` of the checkout, where screenshots go. */
  shots: string;
}

/** Filled in by beforeAll: read it inside tests, never at module load. */
export interface StudioSession extends SessionPaths {
  llm: LlmServer;
  studio: StudioProcess;
  browser: TestBrowser;
  page: Page;
  ui: ReturnType<typeof studioPage>;
  /** The environment the studio got (for CLI runs that must see the same provider). */
  env: Record<string, string>;
}

export function useStudioSession(prefix: string, options: SessionOptions = {}): StudioSession {
  const ws = tempWorkspace(prefix);
  const paths: SessionPaths = { dir: ws.dir, home: path.join(ws.dir, 'home'), project: path.join(ws.dir, 'project'), shots: path.join(ROOT, '.tmp') };
  const session = { ...paths } as StudioSession;
  const timeout = options.setupTimeoutMs ?? 60_000;

  beforeAll(async () => {
    // The page under test is renderer/dist: build it when a source is newer (a no-op when fresh).
    execFileSync(process.execPath, [path.join(ROOT, 'renderer', 'build.mjs')], { stdio: 'ignore' });
    for (const dir of [paths.home, paths.project, paths.shots]) mkdirSync(dir, { recursive: true });
    options.prepare?.(paths);
    const provider: Record<string, string> = { MOCK_LLM: 'true' };
    if (options.llm) {
      session.llm = await startLlmServer(options.llm);
      Object.assign(provider, { MOCK_LLM: '', OPENAI_API_KEY: 'sk-env-key', OPENAI_BASE_URL: session.llm.url, OPENAI_MODEL: 'test-model' });
    }
    session.env = { ...provider, ...options.env };
    session.studio = await startStudio({ home: paths.home, cwd: paths.project, args: ['--port', '0'], env: session.env });
    session.browser = await launchBrowser(options.viewport);
    session.page = session.browser.page;
    session.page.setDefaultTimeout(options.timeoutMs ?? 10_000);
    session.ui = studioPage(session.page);
  }, timeout);

  afterAll(async () => {
    const { browser, studio, llm } = session;
    const profile = browser?.profile;
    await browser?.close();
    if (profile) expect(processesWith(profile)).toEqual([]);
    if (studio) {
      await studio.stop();
      expect(isAlive(studio.child.pid!)).toBe(false);
    }
    await llm?.close();
    expect(await ownOrphansAfter(30_000)).toEqual([]);
    ws.cleanup();
  }, timeout);

  return session;
}
