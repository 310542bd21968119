/**
 * The engine process's life: boot a VM ahead of time, report `ready`, run exactly one spell, report
 * `done` and exit. It has no API keys and no host environment: every capability is an RPC back to the
 * host. (engine-boot.ts starts the wasm compile before this module loads.)
 */
import type { LuaFactory } from 'wasmoon';
import { HostToEngine, type ErrorInfo, type RunRequest } from '../contract/engine-protocol';
import { LuaEngine } from '../engines/lua/lua-engine';
import type { JsEngine } from '../engines/js/js-engine';
import type { Engine } from '../engines/engine';
import { connectParentPort } from './parent-port';
import { Outbox } from './outbox';
import { EngineSession, RunStopped } from './engine-session';
import { describeSpellError } from './spell-error';
import { Watchdog } from './watchdog';
import { capWasmHeapGrowth } from './wasm-heap-cap';

export interface EngineProcessOptions {
  /**
   * A one-shot host (the CLI) runs one spell and nothing after it: no second engine is prepared
   * while waiting, so the run gets the machine to itself.
   */
  oneShot?: boolean;
  /** A pooled process of a host that runs JavaScript spells makes a QuickJS VM while it waits. */
  prepareJs?: boolean;
  /** Runs once, before any spell: when the process is booted and waits, or as its run starts if that came first. */
  onIdle?: () => void;
}

/** Starts serving the host; `factory` is already compiling the Lua wasm module. */
export function startEngineProcess(factory: LuaFactory, options: EngineProcessOptions = {}): void {
  const port = connectParentPort();
  const watchdog = new Watchdog();
  const outbox = new Outbox(port, watchdog);
  const enginePromise = LuaEngine.create(factory);
  let session: EngineSession | undefined;
  let running = false;
  // QuickJS loads after `ready` (or when a JS spell arrives first), so Lua's boot is not delayed; its
  // VM is prepared then too, unless a Lua run started meanwhile (that run keeps the thread).
  // The JavaScript and Tengo engines' modules load when first needed: a Lua process never evaluates them.
  const jsModule = () => import('../engines/js/js-engine');
  let quickjs: ReturnType<Awaited<ReturnType<typeof jsModule>>['loadQuickJs']> | undefined;
  let jsEngine: Promise<JsEngine> | undefined;
  const loadJs = () => (quickjs ??= jsModule().then((js) => js.loadQuickJs()));
  const bootJs = (): Promise<JsEngine> => (jsEngine ??= Promise.all([jsModule(), loadJs()]).then(([js, module]) => js.JsEngine.create(module)));

  // The idle work (options.onIdle: the code cache's write) is done once, before any spell runs here:
  // while the process waits, or, for a run that came before the VM was up (a one-shot host sends it
  // at once), just before its spell starts. A no-op when the cache was there and V8 took it.
  let idled = false;
  const idleWork = (): void => {
    if (idled) return;
    idled = true;
    options.onIdle?.();
  };

  const finish = (result: { ok: boolean; result?: unknown; error?: ErrorInfo }): void => {
    // Leave once `done` (and the output queued before it) left the process: Node writes IPC
    // asynchronously, so exiting at once could drop them after a flood of output and the host would
    // see a crash. A process is never reused after a spell.
    outbox.send({ type: 'done', ...result }, () => process.exit(0));
  };

  const run = async (request: RunRequest): Promise<void> => {
    if (running) return; // one spell per process, ever
    running = true;
    let engine: Engine;
    try {
      engine =
        request.spell.engine === 'javascript'
          ? await bootJs()
          : request.spell.engine === 'tengo'
            ? new (await import('../engines/tengo/tengo-engine')).TengoEngine()
            : await enginePromise;
    } catch (error) {
      return finish({ ok: false, error: { code: 'crashed', message: `could not start the ${request.spell.engine} engine: ${String(error)}` } });
    }
    // The watchdog thread starts only when a Lua spell has computed a while without yielding (its
    // prelude says so, EngineHost.busy): a short spell never pays its start (≈ 2–15 ms on this thread,
    // ≈ 25 ms of CPU on another core), and a long one has it within a few milliseconds. QuickJS's
    // interrupt handler checks the deadline and flushes output itself (session.check), and a Tengo
    // spell runs in a worker thread of its own.
    idleWork();
    const current = (session = new EngineSession(request, outbox, () => watchdog.start()));
    const { spell, params, limits, mode } = request;
    if (engine instanceof LuaEngine) capWasmHeapGrowth(limits.memoryBytes, (buffer) => engine.ownsHeap(buffer));
    // At the deadline, a VM busy in a loop is interrupted (Lua arms its hook and fails with the
    // spell's line); a waiting one has already failed through the session's own timer.
    watchdog.arm(
      Date.now() + limits.timeoutMs,
      () => {
        current.timeUp();
        if (engine instanceof LuaEngine) engine.interrupt();
      },
      () => outbox.flushFromOutside(),
      { deferStart: true },
    );
    try {
      const result = await engine.run({ code: spell.code, fileName: spell.fileName, params, limits, mode, ...(spell.modules ? { modules: spell.modules } : {}) }, current);
      finish({ ok: true, ...(result !== undefined ? { result } : {}) });
    } catch (error) {
      const stopped = error instanceof RunStopped ? error.message : current.stopped;
      finish({ ok: false, error: describeSpellError(error, spell.fileName, stopped) });
    }
  };

  port.onMessage((raw) => {
    const parsed = HostToEngine.safeParse(raw);
    if (!parsed.success) {
      finish({ ok: false, error: { code: 'protocol', message: `engine process got a bad message: ${parsed.error.message}` } });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'run':
        void run(message);
        break;
      case 'rpc-result':
        session?.complete(
          message.ok
            ? { id: message.id, kind: 'result', ok: true, value: message.value }
            : { id: message.id, kind: 'result', ok: false, error: message.error ?? 'failed', ...(message.code ? { code: message.code } : {}) },
        );
        break;
      case 'rpc-event':
        session?.complete({ id: message.id, kind: 'event', event: message.value });
        break;
      case 'stop':
        if (session) session.stop(message.reason);
        else process.exit(0);
        break;
    }
  });

  enginePromise.then(
    () => {
      const prepareJs = options.prepareJs === true && !options.oneShot;
      port.send({ type: 'ready', ...(prepareJs ? {} : { settled: true }) });
      // The watchdog thread (≈ 9 MB resident) starts with a busy spell (see run), never while the
      // process waits in the pool. QuickJS's VM is made ahead where the
      // host runs JS spells (made on demand, a JS run waits 0.1–0.5 s for it); elsewhere an idle
      // process holds Lua only. A failure here is reported to the JS run that needs the engine.
      // Made, it is said (`settled`): the pool's ready() then means the next run starts at once, not
      // behind the VM's making (synchronous).
      const settled = () => void (running || port.send({ type: 'ready', settled: true }));
      // Idle work (the code cache's write) waits for the messages of this turn to leave.
      const idle = () =>
        void setImmediate(() => {
          if (running) return;
          warmUpParsing();
          idleWork();
        });
      if (prepareJs) setImmediate(() => void loadJs().then(() => (running ? undefined : bootJs())).then(settled, settled).then(idle));
      else idle();
    },
    (error: unknown) => finish({ ok: false, error: { code: 'crashed', message: `could not start the Lua engine: ${String(error)}` } }),
  );
}

/**
 * zod/mini builds a schema's checks on its first parse (≈ 2–5 ms for the run request): done here,
 * while the process waits, rather than when the run arrives. (Compiled now, that code is in the
 * code cache written next, too.)
 */
function warmUpParsing(): void {
  HostToEngine.safeParse({
    type: 'run',
    runId: 'warm-up',
    spell: { engine: 'lua', fileName: 'warm-up.lua', code: '' },
    params: {},
    limits: { timeoutMs: 1, memoryBytes: 1 },
    logLevel: 'info',
    spellName: 'warm-up',
    mode: 'run',
  });
  HostToEngine.safeParse({ type: 'rpc-result', id: 1, ok: true, value: null });
}
