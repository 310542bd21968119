/**
 * JSON Schema checks for the host, off its event loop. Schemas and values come from spells (and
 * workflows), and ajv's work is unbounded in time: a catastrophic pattern, nested `anyOf` over deep
 * data, `uniqueItems` over a long list. So every check runs in a worker thread (dist/schema-worker.js)
 * with a deadline; past it, or when the caller's run stops, the worker is terminated (V8 interrupts
 * even a running regular expression) and the check fails with a clear error. The host meanwhile keeps
 * serving time limits, Stop and other runs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileSchema, type JsonChecker } from '../llm/json-answer';
import { isBoundedCheck } from './bounded-schema';
import { InvalidSchemaError, SchemaValidator, type SchemaCheck } from './schema-validator';
import type { SchemaFlavor, SchemaJob, SchemaJobResult } from './schema-worker/protocol';

export { InvalidSchemaError, type SchemaCheck } from './schema-validator';

/** A check that went past its deadline; the worker doing it was terminated. */
export class SchemaCheckTimeout extends Error {}

/** Per-call options: the run's signal ends the check with the run. */
export interface SchemaCheckOptions {
  signal?: AbortSignal;
}

/** Pool settings. */
export interface SchemaChecksOptions {
  /** Longest one check may take (ms). */
  timeoutMs?: number;
  /** Workers at once; more checks wait their turn. */
  maxWorkers?: number;
  /** The worker bundle; found beside the runtime bundle by default. */
  entry?: string;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** dist/schema-worker.js: beside this bundle, or the package's dist/ when loaded from source (tests). */
export function schemaWorkerPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (;;) {
    for (const candidate of [path.join(dir, 'schema-worker.js'), path.join(dir, 'dist', 'schema-worker.js')]) {
      if (existsSync(candidate)) return candidate;
    }
    if (dir === path.dirname(dir)) throw new Error('dist/schema-worker.js not found: run `npm run build`');
    dir = path.dirname(dir);
  }
}

/** The host's schema checker: a small pool of worker threads, each job under a deadline. */
export class SchemaChecks {
  private readonly idle: Worker[] = [];
  private live = 0;
  private readonly waiting: (() => void)[] = [];
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly maxWorkers: number;
  // Bounded schemas (see bounded-schema.ts) are checked here, on this thread: no round trip.
  private readonly local = new SchemaValidator(50);
  private readonly localAnswers = new Map<string, JsonChecker>();

  constructor(private readonly options: SchemaChecksOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxWorkers = options.maxWorkers ?? 4;
  }

  /** Every problem of `value` against `schema` (tools wording); throws InvalidSchemaError for a bad schema. */
  async check(schema: unknown, value: unknown, options: SchemaCheckOptions = {}): Promise<SchemaCheck> {
    const result = await this.run('tools', schema, true, value, options);
    return result.check ?? { valid: true, errors: [] };
  }

  /** Compiles `schema` for structured answers; throws InvalidSchemaError naming the problem. */
  async compileAnswer(schema: unknown, options: SchemaCheckOptions = {}): Promise<void> {
    await this.run('answer', schema, false, undefined, options);
  }

  /** The first problem of a structured answer (`field 'age' must be integer`), or undefined. */
  async checkAnswer(schema: unknown, value: unknown, options: SchemaCheckOptions = {}): Promise<string | undefined> {
    return (await this.run('answer', schema, true, value, options)).problem;
  }

  /** Ends every idle worker (busy ones end with their job). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private async run(flavor: SchemaFlavor, schema: unknown, hasValue: boolean, value: unknown, options: SchemaCheckOptions) {
    const { signal } = options;
    signal?.throwIfAborted();
    if (isBoundedCheck(schema, value, hasValue)) return this.runHere(flavor, schema, hasValue, value);
    const worker = await this.acquire(signal);
    const job: SchemaJob = { id: this.nextId++, flavor, schema, hasValue, value };
    let result: SchemaJobResult;
    try {
      result = await this.send(worker, job, signal);
    } catch (err) {
      this.discard(worker);
      throw err;
    }
    this.release(worker);
    if (!result.ok) throw result.invalidSchema ? new InvalidSchemaError(result.message) : new Error(result.message);
    return result;
  }

  /** The same checks as the worker's (same ajv settings, same wording), for bounded schemas only. */
  private runHere(flavor: SchemaFlavor, schema: unknown, hasValue: boolean, value: unknown): Extract<SchemaJobResult, { ok: true }> {
    if (flavor === 'tools') {
      if (!hasValue) {
        this.local.compile(schema);
        return { id: 0, ok: true };
      }
      return { id: 0, ok: true, check: this.local.check(schema, value) };
    }
    const key = JSON.stringify(schema);
    let checker = this.localAnswers.get(key);
    if (!checker) {
      try {
        checker = compileSchema(schema as Record<string, unknown>);
      } catch (err) {
        throw new InvalidSchemaError((err as Error).message);
      }
      if (this.localAnswers.size >= 50) this.localAnswers.delete(this.localAnswers.keys().next().value!);
      this.localAnswers.set(key, checker);
    }
    return { id: 0, ok: true, ...(hasValue ? { problem: checker(value) } : {}) };
  }

  private send(worker: Worker, job: SchemaJob, signal: AbortSignal | undefined): Promise<Extract<SchemaJobResult, { ok: boolean }>> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      const onMessage = (msg: SchemaJobResult) => {
        if (msg.id !== job.id) return;
        done();
        resolve(msg);
      };
      const onError = (err: Error) => {
        done();
        reject(new Error(`schema check failed: ${err.message}`));
      };
      const onExit = () => {
        done();
        reject(new Error('schema check failed: the checker stopped'));
      };
      const onAbort = () => {
        done();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('schema check stopped'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new SchemaCheckTimeout(`schema check stopped after ${this.timeoutMs / 1000} s: the schema or one of its patterns is too costly to check`));
      }, this.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        worker.postMessage(job);
      } catch (err) {
        done(); // a value that cannot be cloned (never from an engine's JSON, but be exact)
        reject(new Error(`schema check failed: ${(err as Error).message}`));
      }
    });
  }

  private async acquire(signal: AbortSignal | undefined): Promise<Worker> {
    for (;;) {
      const ready = this.idle.pop();
      if (ready) return ready;
      if (this.live < this.maxWorkers) return await this.spawn(signal);
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal?.reason instanceof Error ? signal.reason : new Error('schema check stopped'));
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /** A new worker once it has loaded (its start-up does not count against a check's deadline). */
  private async spawn(signal: AbortSignal | undefined): Promise<Worker> {
    // A bounded heap: a huge schema fails in the worker instead of growing the host.
    const worker = new Worker(this.options.entry ?? schemaWorkerPath(), { resourceLimits: { maxOldGenerationSizeMb: 128, stackSizeMb: 4 } });
    worker.unref(); // an idle checker never keeps the CLI alive
    worker.on('error', () => undefined); // reported to the job in flight by send(); never an unhandled error
    this.live += 1;
    try {
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        };
        const onMessage = (msg: { ready?: boolean }) => {
          if (!msg.ready) return;
          done();
          resolve();
        };
        const onError = (err: Error) => (done(), reject(new Error(`schema checker failed to start: ${err.message}`)));
        const onExit = () => (done(), reject(new Error('schema checker failed to start')));
        const onAbort = () => (done(), reject(signal?.reason instanceof Error ? signal.reason : new Error('schema check stopped')));
        const timer = setTimeout(() => (done(), reject(new Error('schema checker failed to start in 30 s'))), 30_000);
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    } catch (err) {
      this.discard(worker);
      throw err;
    }
    return worker;
  }

  private release(worker: Worker): void {
    // keep one warm worker; extra ones end so an idle host holds little
    if (this.idle.length === 0) this.idle.push(worker);
    else {
      this.live -= 1;
      void worker.terminate();
    }
    this.waiting.shift()?.();
  }

  private discard(worker: Worker): void {
    this.live -= 1;
    void worker.terminate(); // it may be stuck in a pattern: only termination ends it
    this.waiting.shift()?.();
  }
}

/** The host's shared checker. Holds compiled schemas only, no run state: sharing it across runs is safe. */
export const schemaChecks = new SchemaChecks();
