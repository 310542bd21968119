// Studio benchmark (reported, not asserted): run start in the browser studio, from the runs.start
// request on the WebSocket to the run's first `started` event, with the warm pool refilled between
// runs (target ≤ 100 ms warm). Runs against the real `llmspell studio` process.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { median, ms, verdict } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 20;
const TARGET_MS = 100;

/** Starts the studio in a temp home; resolves with its URL and the child. */
function startStudio(dir) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'llmspell.js'), 'studio'], {
    cwd: path.join(dir, 'project'),
    env: { PATH: process.env.PATH ?? '', HOME: dir, LLMSPELL_HOME: path.join(dir, 'home'), MOCK_LLM: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`llmspell studio exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, url: new URL(out.split('\n')[0]) });
    });
  });
}

/** Connects like the renderer does and returns a tiny call/wait client. */
async function connect(url) {
  const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
  const listeners = new Set();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    for (const listener of listeners) listener(message);
  });
  let nextId = 1;
  return {
    socket,
    /** Sends runs.start and resolves with ms until the run's `started` and `finished` events. */
    timeRun(spellPath) {
      const id = nextId++;
      const sentAt = performance.now();
      let runId;
      const early = [];
      return new Promise((resolve) => {
        let startedMs;
        const listener = (m) => {
          if (m.id === id) runId = m.result?.runId;
          if (m.event !== 'run') return;
          if (!runId) return void early.push(m);
          for (const e of [...early.splice(0), m]) {
            if (e.data.runId !== runId) continue;
            if (e.data.type === 'started') startedMs = performance.now() - sentAt;
            if (e.data.type === 'finished') {
              listeners.delete(listener);
              resolve({ startedMs, totalMs: performance.now() - sentAt });
            }
          }
        };
        listeners.add(listener);
        socket.send(JSON.stringify({ id, method: 'runs.start', params: { path: spellPath, params: {} } }));
      });
    },
  };
}

/** Measures the studio's warm run start; returns report lines. */
export async function benchStudio() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-studio-'));
  const spell = path.join(dir, 'project', 'spells', 'tiny');
  mkdirSync(spell, { recursive: true });
  writeFileSync(path.join(spell, 'main.lua'), 'print("hi")\n');
  const { child, url } = await startStudio(dir);
  try {
    const client = await connect(url);
    await new Promise((r) => setTimeout(r, 500)); // the pool's first engine boots
    const gap = Number(process.env.GAP ?? 1000);
    const starts = [];
    const totals = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const { startedMs, totalMs } = await client.timeRun(spell);
      // The first runs warm up the JIT.
      if (i >= 2) {
        starts.push(startedMs);
        totals.push(totalMs);
      }
      await new Promise((r) => setTimeout(r, gap)); // a user's pause between runs: the pool refills
    }
    client.socket.close();
    const p95 = [...starts].sort((a, b) => a - b)[Math.ceil(starts.length * 0.95) - 1];
    return [
      `studio run start (runs.start request → started event, warm pool, ${gap} ms between runs, n=${starts.length}): median ${ms(median(starts))}, p95 ${ms(p95)}, best ${ms(Math.min(...starts))} — target ≤ ${TARGET_MS} ms: ${verdict(median(starts), TARGET_MS)}`,
      `studio run round trip (request → finished event, print("hi")): median ${ms(median(totals))}`,
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchStudio()) console.log(line);
}
