/**
 * The Tengo engine: runs the spell on our interpreter in a worker thread of the engine process.
 * This thread owns the host RPC; the worker blocks on a SharedArrayBuffer while a bridge call is
 * out, and gets stream events as they arrive (a callback run for an event may call the host in turn). Limits: the worker's heap is capped at the run's
 * memory limit (V8 ends it cleanly), a stop or time limit sets a flag the interpreter polls at
 * its budget checks, and a worker that does not react in time is terminated.
 */
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Completion, Engine, EngineHost, EngineRunInput } from '../engine';
import { STOP, WAKE, type Reply, type WorkerMessage, type WorkerStart } from './worker/protocol';

const MB = 1024 * 1024;
/** How often the main thread asks the host whether the run must end while the spell computes. */
const CHECK_MS = 20;
/** How long a stopped worker gets to notice before it is terminated. */
const GRACE_MS = 500;

/** The worker bundle beside the engine process's (dist/tengo-worker.js). */
export function defaultWorkerPath(): string {
  return path.join(path.dirname(process.argv[1] ?? '.'), 'tengo-worker.js');
}

export class TengoEngine implements Engine {
  private used = false;

  constructor(private readonly workerPath = defaultWorkerPath()) {}

  run(input: EngineRunInput, host: EngineHost): Promise<unknown> {
    if (this.used) return Promise.reject(new Error('a Tengo engine runs one spell only'));
    this.used = true;
    const shared = new SharedArrayBuffer(8);
    const flags = new Int32Array(shared);
    const { port1, port2 } = new MessageChannel();
    const start: WorkerStart = { code: input.code, fileName: input.fileName, params: input.params, limits: input.limits, mode: input.mode ?? 'run', shared, replies: port2 };
    const worker = new Worker(this.workerPath, {
      workerData: start,
      transferList: [port2],
      // Headroom above the run's cap: the interpreter's own heap check ends a bomb cleanly first.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(32, Math.ceil((input.limits.memoryBytes * 2) / MB)), maxYoungGenerationSizeMb: 16, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    const reply = (r: Reply) => {
      port1.postMessage(r);
      Atomics.add(flags, WAKE, 1);
      Atomics.notify(flags, WAKE);
    };

    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      // The calls out, innermost last: a stream's callback may call the host in turn (the agent
      // loop's tool requests arrive as events of agents.turn, and the tool's answer is a call).
      const pending: number[] = [];
      // Completions of an outer call that came while an inner one was out, delivered once it is done.
      const held = new Map<number, Completion[]>();
      let stopReason: string | undefined;
      const finish = (f: () => void) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        port1.close();
        void worker.terminate();
        f();
      };
      const stop = (reason: string) => {
        if (stopReason) return;
        stopReason = reason;
        Atomics.store(flags, STOP, 1);
        Atomics.notify(flags, STOP);
        reply({ kind: 'stop', reason });
        setTimeout(() => finish(() => reject(new Error(reason))), GRACE_MS).unref();
      };
      const poll = setInterval(() => {
        const reason = host.check();
        if (reason) stop(reason);
      }, CHECK_MS);

      /** Hands one completion of the innermost call to the worker; a result ends that call. */
      const deliver = (c: Completion) => {
        if (c.kind === 'event') return reply({ kind: 'event', event: c.event });
        pending.pop();
        reply(c.ok ? { kind: 'result', ok: true, value: c.value } : { kind: 'result', ok: false, error: c.error });
        release();
      };
      /** The call around the one that ended is innermost again: what it got meanwhile goes now, in order. */
      const release = () => {
        const top = pending.at(-1);
        const waiting = top === undefined ? undefined : held.get(top);
        if (top === undefined || !waiting) return;
        held.delete(top);
        for (const w of waiting) take(w);
      };
      /** Routes a completion: the innermost call's goes to the worker, an outer call's waits, others are dropped. */
      const take = (c: Completion) => {
        if (c.id === pending.at(-1)) return deliver(c);
        if (!pending.includes(c.id)) return; // a cancelled call: the worker got its one result already
        const list = held.get(c.id) ?? [];
        list.push(c);
        held.set(c.id, list);
      };

      /**
       * Feeds completions to the worker until no call is out. One loop at a time: a second one could
       * take (and drop) the next call's completions.
       */
      let pumping = false;
      const pump = async () => {
        if (pumping) return;
        pumping = true;
        try {
          while (pending.length > 0 && !settled) {
            const completions: Completion[] = await host.waitForCompletions(undefined);
            for (const c of completions) take(c);
          }
        } catch (e) {
          stop(e instanceof Error ? e.message : String(e));
        } finally {
          pumping = false;
        }
      };

      worker.on('message', (m: WorkerMessage) => {
        switch (m.t) {
          case 'write':
            return host.write(m.text, m.stream);
          case 'started':
            return host.started();
          case 'log':
            return host.log(m.level, m.message, m.fieldsJson);
          case 'notify':
            return host.notify(m.name, m.dataJson);
          case 'call': {
            pending.push(host.call(m.method, m.args));
            void pump();
            return;
          }
          case 'cancel': {
            // The worker waits in its innermost call: that is the one its callback asked to end.
            const id = pending.pop();
            if (id === undefined) return;
            held.delete(id);
            host.cancel(id);
            // The host never answers a cancelled call: end it for the worker here, once.
            reply({ kind: 'result', ok: false, error: 'cancelled' });
            release();
            return;
          }
          case 'done':
            return finish(() => resolve(m.result));
          case 'failed':
            return finish(() => reject(new Error(m.aborted ? (stopReason ?? host.check() ?? m.message) : m.message)));
        }
      });
      worker.on('error', (e: Error & { code?: string }) => {
        const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory|memory limit/i.test(e.message);
        finish(() => reject(new Error(memory ? 'Runtime Error: not enough memory (the run hit its memory limit)' : `Runtime Error: ${e.message}`)));
      });
      worker.on('exit', (code) => finish(() => reject(new Error(stopReason ?? `the Tengo worker exited (${code}) before the spell finished`))));
    });
  }

  close(): void {}
}
