import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import WebSocket from 'ws';
import type { RunEvent } from '../../runtime/contract/run-events';
import type { StudioInput, StudioMethod, StudioOutput } from '../../runtime/contract/studio-api';
import { expect } from 'vitest';
import { CLI } from './cli';
import { isAlive } from './processes';

/** A running `llmspell studio` child process. */
export interface StudioProcess {
  url: string;
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT`: the Origin our own page sends. */
  origin: string;
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

/** Closes the client, stops the studio and checks its process is gone (a test's teardown). */
export async function closeStudio(studio: StudioProcess, client?: StudioTestClient): Promise<void> {
  await client?.close();
  const pid = studio.child.pid!;
  await studio.stop();
  expect(isAlive(pid)).toBe(false);
}

/** Starts `llmspell studio` with a test-owned environment and waits for its URL line. */
export function startStudio(options: { home: string; cwd: string; env?: Record<string, string>; args?: string[] }): Promise<StudioProcess> {
  const child = spawn(process.execPath, [CLI, 'studio', ...(options.args ?? [])], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LLMSPELL_HOME: options.home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`studio did not print its URL in 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`studio exited with ${code} before printing its URL: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      const first = !stdout.includes('\n');
      stdout += d;
      if (!first || !stdout.includes('\n')) return;
      clearTimeout(timer);
      const url = new URL(stdout.split('\n')[0]!);
      resolve({
        url: url.href,
        port: Number(url.port),
        token: url.searchParams.get('token') ?? '',
        origin: url.origin,
        child,
        stdout: () => stdout,
        stderr: () => stderr,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    });
  });
}

/** An error reply of the Studio API. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * A Studio API client over a real WebSocket, for tests: typed calls, every pushed run event kept,
 * and every raw message kept (to check that a secret never appears in any of them).
 */
export class StudioTestClient {
  readonly events: RunEvent[] = [];
  /** Reasons of the `library` events received. */
  readonly libraryReasons: string[] = [];
  readonly raw: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      const message = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string; code: string }; event?: string; data?: unknown };
      if (message.event === 'run') this.events.push(message.data as RunEvent);
      if (message.event === 'library') this.libraryReasons.push((message.data as { reason: string }).reason);
      if (typeof message.id === 'number') {
        const call = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) call?.reject(new CallError(message.error.message, message.error.code));
        else call?.resolve(message.result);
      }
      for (const waiter of this.waiters) waiter();
    });
  }

  /** Connects with our own page's Origin (or the given headers). */
  static connect(studio: StudioProcess, headers: Record<string, string> = { Origin: studio.origin }): Promise<StudioTestClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${studio.port}/ws?token=${studio.token}`, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new StudioTestClient(socket)));
      socket.once('error', reject);
    });
  }

  call<M extends StudioMethod>(method: M, params: StudioInput<M>): Promise<StudioOutput<M>> {
    return this.send({ method, params }) as Promise<StudioOutput<M>>;
  }

  /** Sends any object as a request (an id is added); for malformed-input tests. */
  send(message: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, ...message }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Sends raw text and resolves with the next message that has no event. */
  sendText(text: string): Promise<Record<string, unknown>> {
    const before = this.raw.length;
    this.socket.send(text);
    return this.until(() => this.raw.slice(before).map((t) => JSON.parse(t) as Record<string, unknown>).find((m) => !('event' in m)));
  }

  /** Events of one run so far. */
  runEvents(runId: string): RunEvent[] {
    return this.events.filter((e) => e.runId === runId);
  }

  /** Waits for a run's `finished` event. */
  finished(runId: string, timeoutMs = 15_000): Promise<Extract<RunEvent, { type: 'finished' }>> {
    return this.until(() => this.runEvents(runId).find((e) => e.type === 'finished'), timeoutMs) as Promise<Extract<RunEvent, { type: 'finished' }>>;
  }

  /** Resolves with the first truthy value of `probe`, checked on each message. */
  until<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined || value === false) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error('timed out waiting for a studio message'));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
