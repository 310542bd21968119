// Studio console and history benchmarks (reported, not asserted), in Debian's Chromium against the
// real `llmspell studio`: a spell printing 100,000 lines (target: no frame over 50 ms, "Finished"
// ≤ 200 ms after the engine ends), the history of a spell with 10,000 runs (opens ≤ 300 ms) and the
// trace of a run with 1,000 bridge calls (renders ≤ 300 ms).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { median, ms, verdict } from './stats.mjs';
import { longFrames } from './trace-frames.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LINES = 100_000;
const RUNS = 10_000;
const TRACE_CALLS = 1000;

function writeSpell(home, name, lua) {
  const dir = path.join(home, 'spells', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), `name: ${name}\nversion: 0.1.0\ndescription: Console bench\nengine: lua\nentry: main.lua\n`);
  writeFileSync(path.join(dir, 'main.lua'), lua);
  return dir;
}

function startStudio(dir) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'llmspell.js'), 'studio', '--port', '0'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, LLMSPELL_HOME: path.join(dir, 'home'), MOCK_LLM: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`llmspell studio exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d).includes('\n') && resolve({ child, url: out.split('\n')[0].trim() }));
  });
}

/** The newest run record of the history, read over the page's own Studio API socket. */
async function newestRun(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const token = new URLSearchParams(location.search).get('token');
        const socket = new WebSocket(`ws://${location.host}/ws?token=${token}`);
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, method: 'runs.history', params: {} }));
        socket.onmessage = (m) => {
          const message = JSON.parse(m.data);
          if (message.id !== 1) return;
          socket.close();
          if (message.result) resolve(message.result[0]);
          else reject(new Error(message.error?.message));
        };
      }),
  );
}

/** One flood run: the longest frame while it ran, and when "Finished" showed (Date.now in the page). */
async function floodRun(page) {
  await page.getByRole('button', { name: 'Clear', exact: true }).click().catch(() => {});
  const watching = page.evaluate(
    () =>
      new Promise((resolve) => {
        let last = performance.now();
        let longest = 0;
        let frames = 0;
        let done = false;
        const tick = (now) => {
          longest = Math.max(longest, now - last);
          last = now;
          frames++;
          if (!done) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const observer = new MutationObserver(() => {
          // A run that failed or stopped (a limit hit under load) ends the bench with what it said, not a wait forever.
          if (document.querySelector('.status-pill.status-failed, .status-pill.status-stopped')) {
            done = true;
            observer.disconnect();
            resolve({ failed: [...document.querySelectorAll('[role="log"] .c-row')].slice(-3).map((row) => row.textContent).join(' | ') });
          }
          if (!document.querySelector('.status-pill.status-ok')) return;
          const shownAt = Date.now();
          done = true;
          observer.disconnect();
          resolve({ longest, frames, shownAt, rows: document.querySelectorAll('[role="log"] .c-row').length });
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const result = await watching;
  if (result.failed !== undefined) throw new Error(`the flood run did not finish: ${result.failed}`);
  const record = await newestRun(page);
  // The engine's end as the host saw it: its start plus the run's wall time.
  return { ...result, lag: result.shownAt - (record.startedAt + record.durationMs), runMs: record.durationMs };
}

/** The longest frame while the page sits idle for `durationMs`: the machine's own noise, as a reference. */
async function idleLongestFrame(page, durationMs) {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const start = performance.now();
        let last = start;
        let longest = 0;
        const tick = (now) => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now - start < duration) requestAnimationFrame(tick);
          else resolve(longest);
        };
        requestAnimationFrame(tick);
      }),
    durationMs,
  );
}

/** Seeds `count` finished runs of one spell straight into the history folder. */
function seedHistory(home, spellPath, count) {
  const dir = path.join(home, 'history');
  mkdirSync(dir, { recursive: true });
  const base = Date.now() - count * 1000;
  for (let i = 0; i < count; i++) {
    const record = { runId: `seed-${i}`, spellPath, spellName: 'bench-history', params: { n: i }, startedAt: base + i * 1000, status: i % 10 ? 'ok' : 'failed', durationMs: 40 + (i % 50), output: `run ${i}\n`, ...(i % 10 ? {} : { error: { code: 'spell_error', message: `boom ${i}` } }) };
    writeFileSync(path.join(dir, `${record.startedAt}-${record.runId}.run.json`), JSON.stringify(record));
  }
}

/** Seeds one run (the newest) with `count` bridge calls in its events, for the trace view. */
function seedTrace(home, spellPath, count) {
  const dir = path.join(home, 'history');
  const startedAt = Date.now();
  const runId = 'trace-run';
  const events = [{ type: 'started', runId, at: startedAt }];
  for (let i = 0; i < count; i++) {
    const at = startedAt + i * 50;
    const durationMs = 5 + (i % 40);
    const ok = i % 17 !== 0;
    // two of three calls are LLM requests: their `llm` event (model, tokens, cost) comes just before the call's
    if (i % 3) {
      const model = i % 2 ? 'gpt-4o' : 'gpt-4o-mini';
      events.push({ type: 'llm', runId, provider: 'openai', model, inputTokens: 100 + i, outputTokens: 50 + (i % 90), durationMs: durationMs - 1, startedAt: at, ok, ...(ok ? {} : { error: 'openai: HTTP 500' }), cost: ok ? 0.001 : 0, priced: true, totalCost: i * 0.001 });
    }
    events.push({ type: 'call', runId, method: i % 3 ? 'llm.chat' : 'tools.execute', durationMs, ok, startedAt: at });
  }
  events.push({ type: 'finished', runId, ok: true, durationMs: count * 50 });
  const record = { runId, spellPath, spellName: 'bench-history', params: {}, startedAt, status: 'ok', durationMs: count * 50, output: '' };
  writeFileSync(path.join(dir, `${startedAt}-${runId}.run.json`), JSON.stringify(record));
  writeFileSync(path.join(dir, `${startedAt}-${runId}.events.json`), JSON.stringify(events));
}

/** Click on Trace → the trace of `count` calls is shown: its count and cost, and its first rows (ms). */
async function openTrace(page, count) {
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('list', { name: 'Past runs' }).getByRole('listitem').first().getByRole('button', { name: /^Trace of the run of/ }).click();
  // the list is virtualized: rendered means the whole trace is known (its count, its cost) and its first rows are shown
  await page.waitForFunction(
    (n) => {
      const list = document.querySelector('[aria-label="Calls"]');
      return list?.getAttribute('data-count') === String(n) && list.querySelectorAll(':scope > li').length > 0 && document.querySelector('.trace-total') !== null;
    },
    count,
    { timeout: 30_000 },
  );
  const ms = (await page.evaluate(() => performance.now())) - start;
  await page.getByRole('dialog', { name: 'Run trace' }).getByRole('button', { name: 'Close' }).click();
  return ms;
}

/** Click on a spell → its history list shows its newest run (ms). */
async function openHistory(page) {
  const start = await page.evaluate(() => performance.now());
  await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'bench-history', exact: true }).click();
  await page.getByRole('list', { name: 'Past runs' }).getByRole('listitem').first().waitFor({ timeout: 30_000 });
  return (await page.evaluate(() => performance.now())) - start;
}

/**
 * The studio over a fresh home that `seed(home)` fills, one Chromium page on it: `measure(page)`'s
 * result, then everything is stopped and removed.
 */
async function withStudioPage(prefix, seed, measure) {
  execFileSync(process.execPath, [path.join(root, 'renderer', 'build.mjs')], { stdio: 'ignore' });
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  seed(path.join(dir, 'home'));
  const { child, url } = await startStudio(dir);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    return await measure(page);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report line of the trace's open times (ms). */
const traceLine = (traces) =>
  `trace of a run with ${TRACE_CALLS.toLocaleString('en')} bridge calls (click → count, cost and the rows in view shown; the list is virtualized, n=${traces.length}): median ${ms(median(traces))}, max ${ms(Math.max(...traces))} — target ≤ 300 ms: ${verdict(median(traces), 300)}`;

/** Measures the console and history; returns report lines. */
export async function benchConsole(profile = false) {
  const seed = (home) => {
    writeSpell(home, 'bench-flood', `for i = 1, ${LINES} do print("line " .. i) end\n`);
    const historySpell = writeSpell(home, 'bench-history', 'print("never run here")\n');
    seedHistory(home, historySpell, RUNS);
    seedTrace(home, historySpell, TRACE_CALLS);
    // A history this long is kept only when configured so; under the default (500 runs) the first
    // flood's end would delete 9,500 seeded runs, and that one-time clean-up would run into the
    // floods measured after it.
    writeFileSync(path.join(home, 'config.yaml'), `studio:\n  history_runs: ${RUNS * 2}\n`);
  };
  return withStudioPage('llmspell-bench-console-', seed, async (page) => {
    const opens = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) {
        await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'bench-flood', exact: true }).click();
        await page.getByText('No runs yet.').waitFor();
      }
      opens.push(await openHistory(page));
    }
    const traces = [];
    for (let i = 0; i < 3; i++) traces.push(await openTrace(page, TRACE_CALLS));
    await page.getByRole('list', { name: 'Spells' }).getByRole('button', { name: 'bench-flood', exact: true }).click();
    await page.locator('#editor-panel .view-lines').getByText('print').first().waitFor();
    // `--profile`: one traced flood run, printing where the page's time went (for chasing long frames).
    if (profile) {
      await floodRun(page);
      const cdp = await page.context().newCDPSession(page);
      const events = [];
      cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
      const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,v8', transferMode: 'ReportEvents' });
      const r = await floodRun(page);
      await cdp.send('Tracing.end');
      await ended;
      console.log(JSON.stringify(r));
      const sum = new Map();
      const longest = new Map();
      for (const e of events) {
        if (e.ph !== 'X' || !e.dur) continue;
        sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
        longest.set(e.name, Math.max(longest.get(e.name) ?? 0, e.dur / 1000));
      }
      for (const [k, v] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(v.toFixed(1), 'max', longest.get(k).toFixed(1), k);
      // Busy or starved: the page's main-thread CPU in each long frame against the frame's wall time.
      for (const line of longFrames(events)) console.log(line);
      return [];
    }
    const runs = [];
    for (let i = 0; i < 4; i++) {
      const r = await floodRun(page);
      if (i > 0) runs.push(r); // the first warms the pool and the JIT
    }
    const idle = [];
    for (let i = 0; i < 3; i++) idle.push(await idleLongestFrame(page, median(runs.map((r) => r.runMs))));
    const longest = Math.max(...runs.map((r) => r.longest));
    const lag = runs.map((r) => r.lag);
    return [
      `console ${LINES.toLocaleString('en')} lines (print loop, n=${runs.length}): run ${ms(median(runs.map((r) => r.runMs)))}, longest frame ${ms(longest)} — target ≤ 50 ms: ${verdict(longest, 50)}; rows in the DOM ${Math.max(...runs.map((r) => r.rows))}`,
      `  reference: longest frame of the idle page over as long (machine noise, n=${idle.length}): ${ms(Math.max(...idle))}`,
      `console "Finished" after the engine ended: median ${ms(median(lag))}, max ${ms(Math.max(...lag))} — target ≤ 200 ms: ${verdict(Math.max(...lag), 200)}`,
      traceLine(traces),
      `history of a spell with ${RUNS.toLocaleString('en')} runs (click → list shown, n=${opens.length}): median ${ms(median(opens))}, max ${ms(Math.max(...opens))} — target ≤ 300 ms: ${verdict(median(opens), 300)}`,
    ];
  });
}

/** Only the trace of a run with 1,000 calls (`npm run bench -- trace`): the same seed and measure as in benchConsole, without the floods. */
export async function benchTrace() {
  const seed = (home) => {
    const historySpell = writeSpell(home, 'bench-history', 'print("never run here")\n');
    mkdirSync(path.join(home, 'history'), { recursive: true });
    seedTrace(home, historySpell, TRACE_CALLS);
  };
  return withStudioPage('llmspell-bench-trace-', seed, async (page) => {
    await openHistory(page);
    const traces = [];
    for (let i = 0; i < 5; i++) traces.push(await openTrace(page, TRACE_CALLS));
    return [traceLine(traces)];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchConsole(process.argv.includes('--profile'))) console.log(line);
}
