import { describe, expect, it } from 'vitest';
import { EnginePool } from '../../../runtime/host/engine-pool';
import type { EngineProcess, EngineSpawnOptions, EngineTransport, ExitInfo } from '../../../runtime/host/transport';

/** An engine process the test speaks for: `say` delivers a message from it, `exit` ends it. */
class FakeProcess implements EngineProcess {
  readonly pid = 1;
  private readonly listeners: ((message: unknown) => void)[] = [];
  private readonly exits: ((info: ExitInfo) => void)[] = [];
  send(): void {}
  onMessage(listener: (message: unknown) => void): void {
    this.listeners.push(listener);
  }
  onExit(listener: (info: ExitInfo) => void): void {
    this.exits.push(listener);
  }
  stderrTail(): string {
    return '';
  }
  kill(): void {
    this.exit();
  }
  say(message: unknown): void {
    for (const listener of this.listeners) listener(message);
  }
  exit(): void {
    for (const listener of this.exits.splice(0)) listener({ code: null, signal: 'SIGKILL' });
  }
}

class FakeTransport implements EngineTransport {
  readonly spawned: FakeProcess[] = [];
  spawn(_options: EngineSpawnOptions): EngineProcess {
    const process = new FakeProcess();
    this.spawned.push(process);
    return process;
  }
}

const options = (): EngineSpawnOptions => ({ entry: 'engine.js', env: {}, execArgv: [], serviceName: 'test' });
const settledWithin = async (promise: Promise<void>, ms = 50): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('EnginePool', () => {
  it('is ready once its process has settled, not merely booted: the next run then starts at once', async () => {
    const transport = new FakeTransport();
    const pool = new EnginePool(transport, options, 1);
    const [process] = transport.spawned;
    process!.say({ type: 'ready' });
    expect(await settledWithin(pool.ready())).toBe(false);
    process!.say({ type: 'ready', settled: true });
    expect(await settledWithin(pool.ready())).toBe(true);
    await pool.close();
  });

  it('hands out a booted process before it has settled, and forks its replacement only when asked', async () => {
    const transport = new FakeTransport();
    const pool = new EnginePool(transport, options, 1);
    transport.spawned[0]!.say({ type: 'ready' });
    const engine = pool.take();
    expect(await settledWithin(engine.ready)).toBe(true);
    expect(transport.spawned).toHaveLength(1);
    pool.refill();
    expect(transport.spawned).toHaveLength(2);
    await pool.close();
  });

  it('does not wait on a process that died before settling', async () => {
    const transport = new FakeTransport();
    const pool = new EnginePool(transport, options, 1);
    transport.spawned[0]!.exit();
    expect(await settledWithin(pool.ready())).toBe(true);
    await pool.close();
  });
});
