import type { Completion, EngineHost } from '../engines/engine';
import type { LogLevel, RunRequest } from '../contract/engine-protocol';
import { parseJson } from '../bridges/json-text';
import type { Outbox } from './outbox';
import { monotonicMs } from './monotonic';

/**
 * The engine process's side of one run: turns VM calls into messages to the host and host answers
 * into completions for the VM's scheduler. Also owns the run's deadline and stop flag, which the VM
 * reads at its yield points and from its hook once armed (the watchdog's `timeUp` at the deadline).
 */
export class EngineSession implements EngineHost {
  private nextId = 1;
  private readonly queue: Completion[] = [];
  private wake: (() => void) | undefined;
  private stopReason: string | undefined;
  private readonly deadline: number;
  private startedAt: number | undefined;

  /** `onBusy` starts watching a VM that computes without yielding (see EngineHost.busy). */
  constructor(
    private readonly request: RunRequest,
    private readonly outbox: Outbox,
    private readonly onBusy?: () => void,
  ) {
    this.deadline = monotonicMs() + request.limits.timeoutMs;
  }

  write(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    this.outbox.output(stream, text);
  }

  flush(): void {
    this.outbox.flush();
  }

  call(method: string, args: unknown[]): number {
    const id = this.nextId++;
    // A stopped run (stop request, time limit) starts no more host work: its answer would come too
    // late, and a spell that saw its tool interrupted must not let the host's agent loop go on.
    if (this.check() === undefined) this.outbox.send({ type: 'rpc', id, method, args });
    return id;
  }

  cancel(id: number): void {
    this.outbox.send({ type: 'rpc-cancel', id });
  }

  started(): void {
    this.startedAt = Date.now();
    this.outbox.send({ type: 'started', at: this.startedAt });
  }

  busy(): void {
    this.onBusy?.();
  }

  now(): number {
    return monotonicMs();
  }

  check(): string | undefined {
    this.outbox.flushIfStale();
    if (this.stopReason) return this.stopReason;
    if (monotonicMs() > this.deadline) {
      this.stopReason = timeLimitReason(this.request.limits.timeoutMs);
    }
    return this.stopReason;
  }

  log(level: string, message: string, fieldsJson: string): void {
    const parsed = parseJson(fieldsJson);
    const fields = parsed.ok ? logFields(parsed.value) : {};
    this.outbox.send({ type: 'log', level: level as LogLevel, message, fields });
  }

  notify(name: string, dataJson: string): void {
    const parsed = parseJson(dataJson);
    this.outbox.send({ type: 'notify', name, data: parsed.ok ? parsed.value : null });
  }

  jsonDecode(text: string): { value?: unknown; error?: string } {
    const parsed = parseJson(text);
    return parsed.ok ? { value: parsed.value } : { error: parsed.error };
  }

  /** A host answer arrived. */
  complete(completion: Completion): void {
    this.queue.push(completion);
    this.wake?.();
  }

  /** The run's deadline has passed, whatever the clock said at the last check (the watchdog's call). */
  timeUp(): void {
    this.stopReason ??= timeLimitReason(this.request.limits.timeoutMs);
    this.wake?.();
  }

  /** The host asked the run to end; a waiting VM gives up at once, a busy one at its next hook. */
  stop(reason: string): void {
    this.stopReason ??= reason;
    this.wake?.();
  }

  get stopped(): string | undefined {
    return this.stopReason;
  }

  async waitForCompletions(deadline: number | undefined): Promise<Completion[]> {
    const limit = Math.min(deadline ?? Infinity, this.deadline);
    while (this.queue.length === 0) {
      if (this.check()) throw new RunStopped(this.stopReason!);
      const wait = limit - monotonicMs();
      if (wait <= 0) {
        if (deadline !== undefined && deadline <= this.deadline) {
          // One turn of the event loop first: answers that reached the process are only queued by
          // their message events, and a spell polling for them (go-llmspell's
          // `while n < 3 do async.process_callbacks() end`) would otherwise never see one.
          await new Promise<void>((resolve) => setImmediate(resolve));
          return this.queue.splice(0);
        }
        continue; // the run's own deadline: check() reports it
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(wait, 2 ** 31 - 1));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.queue.splice(0);
  }
}

/** The run ended while the spell was waiting (time limit or stop request). */
export class RunStopped extends Error {
  override name = 'RunStopped';
}

/** Log fields arrive as an object, or as `[key, value]` pairs that keep the spell's argument order. */
function logFields(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    const fields: Record<string, unknown> = {};
    for (const pair of value) {
      if (Array.isArray(pair) && typeof pair[0] === 'string') fields[pair[0]] = pair[1] ?? null;
    }
    return fields;
  }
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeLimitReason(timeoutMs: number): string {
  return `run exceeded its time limit (${formatSeconds(timeoutMs)})`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
