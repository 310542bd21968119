// Renderer benchmarks (reported, not asserted), in Debian's Chromium against the real
// `llmspell studio`: time to interactive (target ≤ 1.5 s), an LLM chunk from the server's socket to
// the DOM (target ≤ 16 ms p95), and run start from the Run click (target ≤ 100 ms warm).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startSseServer } from './renderer-sse.mjs';
import { median, ms, verdict } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];
const spread = (xs) => `median ${ms(median(xs))}, p95 ${ms(p95(xs))}`;

function writeSpell(home, name, lua) {
  const dir = path.join(home, 'spells', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 0.1.0\ndescription: Renderer bench\nengine: lua\nentry: main.lua\npermissions:\n  llm: true\n`);
  writeFileSync(path.join(dir, 'main.lua'), lua);
}

function startStudio(dir, llmUrl) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'llmspell.js'), 'studio', '--port', '0'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, LLMSPELL_HOME: path.join(dir, 'home'), MOCK_LLM: '', OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: llmUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`llmspell studio exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d).includes('\n') && resolve({ child, url: out.split('\n')[0].trim() }));
  });
}

/** ms from navigation start until the library lists spells over an open connection. */
async function timeToInteractive(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const ready = () => document.querySelector('.spell-open') && document.querySelector('.connection-open');
        const check = () => (ready() ? resolve(performance.now()) : requestAnimationFrame(check));
        check();
      }),
  );
}

/** Opens a spell by clicking it; resolves when Monaco shows its text (ms after the click). */
async function openSpell(page, name) {
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name, exact: true }).click();
  await page.locator('#editor-panel .view-lines').getByText('print').first().waitFor();
  return (await page.evaluate(() => performance.now())) - start;
}

async function clearConsole(page) {
  const clear = page.getByRole('button', { name: 'Clear', exact: true });
  // The console may empty itself between the check and the click (a run starting): that is fine too.
  if (await clear.isEnabled()) await clear.click({ timeout: 2000 }).catch(() => {});
}

/** Clicks Run; resolves with ms from the click to "Running" and to the first output in the DOM. */
async function timeRunStart(page) {
  // An empty console first, so the previous run's "go" cannot be mistaken for this one's.
  await clearConsole(page);
  const watching = page.evaluate(
    () =>
      new Promise((resolve) => {
        const run = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Run');
        const log = document.querySelector('[role="log"]');
        let clicked = 0;
        let running = 0;
        run.addEventListener('click', () => (clicked = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (!running && document.querySelector('.status-pill.status-running')) running = performance.now();
          if (clicked && log.querySelector('.c-stdout')?.textContent?.includes('go')) {
            observer.disconnect();
            resolve({ running: (running || performance.now()) - clicked, output: performance.now() - clicked });
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const result = await watching;
  await page.locator('.status-pill.status-ok').waitFor();
  return result;
}

/** Runs the streaming spell; resolves with, per chunk, ms from its socket write to its text in the DOM. */
async function timeChunks(page, sse) {
  await clearConsole(page);
  const seen = page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const at = [];
        window.__frames = [];
        const observer = new MutationObserver(() => {
          const text = document.querySelector('.c-token')?.textContent ?? '';
          for (let i = at.length; i < count && text.includes(`c${i} `); i++) at[i] = performance.timeOrigin + performance.now();
          if (at.length === count) {
            observer.disconnect();
            // When each chunk's frame reached the page's socket (see the init script).
            const frames = Array.from({ length: count }, (_, i) => window.__frames.find(([, data]) => data.includes(`"c${i} "`))?.[0] ?? NaN);
            resolve({ at, frames });
          }
        });
        observer.observe(document.querySelector('[role="log"]'), { subtree: true, childList: true, characterData: true });
      }),
    sse.count,
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const { at, frames } = await seen;
  await page.locator('.status-pill.status-ok').waitFor();
  return { total: at.map((t, i) => t - sse.server.sent[i]), host: frames.map((t, i) => t - sse.server.sent[i]), page: at.map((t, i) => t - frames[i]) };
}

/** Records when each WebSocket message reaches the page, to split chunk latency into host and page. */
function recordFrames() {
  const desc = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    get() {
      return desc.get.call(this);
    },
    set(listener) {
      desc.set.call(this, (event) => {
        window.__frames?.push([performance.timeOrigin + performance.now(), String(event.data)]);
        listener(event);
      });
    },
  });
}

/** Measures the renderer; returns report lines. */
export async function benchRenderer() {
  execFileSync(process.execPath, [path.join(root, 'renderer', 'build.mjs')], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-renderer-'));
  const home = path.join(dir, 'home');
  const count = 40;
  writeSpell(home, 'bench-go', 'print("go")\n');
  writeSpell(home, 'bench-stream', 'local text, err = llm.stream_chat("count", function(chunk) end)\nprint(text and "done" or err)\n');
  const server = await startSseServer({ chunks: count, gapMs: 25 });
  const { child, url } = await startStudio(dir, server.url);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  try {
    const cold = [];
    const warm = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      cold.push(await timeToInteractive(page, url));
      warm.push(await timeToInteractive(page, url));
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    await page.addInitScript(recordFrames);
    await timeToInteractive(page, url);
    const editor = await openSpell(page, 'bench-go');
    const starts = [];
    for (let i = 0; i < 12; i++) {
      const r = await timeRunStart(page);
      if (i >= 2) starts.push(r); // the first runs warm up the pool and the JIT
      await new Promise((r) => setTimeout(r, 600)); // a user's pause: the engine pool refills
    }
    await openSpell(page, 'bench-stream');
    const chunks = [];
    const host = [];
    const inPage = [];
    for (let i = 0; i < 3; i++) {
      const r = await timeChunks(page, { server, count });
      chunks.push(...r.total);
      host.push(...r.host);
      inPage.push(...r.page);
    }
    await context.close();
    const running = starts.map((s) => s.running);
    const output = starts.map((s) => s.output);
    return [
      `renderer time to interactive (navigation → library listed, connected; cold profile, n=${cold.length}): ${spread(cold)} — target ≤ 1500 ms: ${verdict(median(cold), 1500)}`,
      `renderer time to interactive (reload, cached assets, n=${warm.length}): ${spread(warm)}`,
      `renderer spell open (click → Monaco shows the text, first open loads Monaco): ${ms(editor)}`,
      `renderer LLM chunk → DOM (socket write → text in Output, ${count} chunks × 3 runs): ${spread(chunks)}, max ${ms(Math.max(...chunks))} — target ≤ 16 ms p95: ${verdict(p95(chunks), 16)}`,
      `  of which host (socket write → frame in the page): ${spread(host)}; page (frame → DOM): ${spread(inPage)}`,
      `renderer run start (Run click → "Running", warm, n=${running.length}): ${spread(running)} — target ≤ 100 ms: ${verdict(median(running), 100)}`,
      `renderer run start (Run click → first output in the DOM, warm): ${spread(output)}`,
    ];
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchRenderer()) console.log(line);
}
