/**
 * Times Tengo workloads on our interpreter, in a fresh process:
 *   node tengo-cpu.js <dir> <reps>
 * For each `*.tengo` in dir: the first run (cold: V8 has not optimised the interpreter yet) and
 * `reps` later runs, each a fresh compile + run as a real run gets. Times are CPU time of this
 * process (user + system), like native lua5.4's os.clock. Also measures two design choices: generator
 * recursion against plain recursion (why the VM does not suspend through generators) and a
 * blocking bridge round trip through a worker (how it does). Prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runTengo } from '../runtime/engines/tengo/interpreter';

const [dir, repsText = '5'] = process.argv.slice(2);
if (!dir) throw new Error('usage: tengo-cpu <dir> [reps]');

const cpuMs = (f: () => void): number => {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

function timeWorkload(file: string): { name: string; coldMs: number; warmMs: number[]; output: string } {
  const code = readFileSync(file, 'utf8');
  let output = '';
  const once = () => {
    let out = '';
    const ms = cpuMs(() => runTengo(code, path.basename(file), { write: (s) => (out += s) }));
    return { ms, out };
  };
  const cold = once();
  output = cold.out;
  const warmMs: number[] = [];
  for (let i = 0; i < Number(repsText); i++) {
    const r = once();
    if (r.out !== output) throw new Error(`${file}: output changed between runs`);
    warmMs.push(r.ms);
  }
  return { name: path.basename(file, '.tengo'), coldMs: cold.ms, warmMs, output };
}

/** fib(25) as plain recursion and as generators (what option (c), suspending via yield*, would cost). */
function generatorCost(): { plainMs: number; generatorMs: number } {
  const fib = (n: number): number => (n < 2 ? n : fib(n - 1) + fib(n - 2));
  function* gfib(n: number): Generator<never, number, unknown> {
    if (n < 2) return n;
    return (yield* gfib(n - 1)) + (yield* gfib(n - 2));
  }
  const runG = (n: number) => gfib(n).next().value as number;
  fib(20);
  runG(20);
  const best = (f: () => void) => Math.min(...[0, 1, 2].map(() => cpuMs(f)));
  return { plainMs: best(() => fib(27)), generatorMs: best(() => runG(27)) };
}

/** Microseconds per synchronous call from a worker blocked in Atomics.wait while this thread answers. */
async function bridgeRoundTrip(calls: number): Promise<number> {
  const source = `
    const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
    const flag = new Int32Array(workerData.sab);
    const port = workerData.port;
    const t0 = performance.now();
    for (let i = 0; i < workerData.calls; i++) {
      Atomics.store(flag, 0, 0);
      parentPort.postMessage({ i });
      Atomics.wait(flag, 0, 0);
      receiveMessageOnPort(port);
    }
    parentPort.postMessage({ done: (performance.now() - t0) / workerData.calls * 1000 });`;
  const sab = new SharedArrayBuffer(4);
  const flag = new Int32Array(sab);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(source, { eval: true, workerData: { sab, port: port2, calls }, transferList: [port2] });
  return new Promise((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m: { i?: number; done?: number }) => {
      if (m.done !== undefined) {
        void worker.terminate();
        port1.close();
        resolve(m.done);
        return;
      }
      port1.postMessage({ value: m.i });
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  });
}

const workloads = readdirSync(dir)
  .filter((f) => f.endsWith('.tengo'))
  .sort()
  .map((f) => timeWorkload(path.join(dir, f)));
const generators = generatorCost();
const roundTripUs = await bridgeRoundTrip(2000);
console.log(JSON.stringify({ workloads, generators, roundTripUs }));
