/**
 * The engine process's life: boot a VM ahead of time, report `ready`, run exactly one spell, report
 * `done` and exit. It has no API keys and no host environment: every capability is an RPC back to the
 * host. (engine-process.ts is the entry; it starts the wasm compile before this module loads.)
 */
import type { LuaFactory } from 'wasmoon';
import { HostToEngine, type ErrorInfo, type RunRequest } from '../contract/engine-protocol';
import { LuaEngine } from '../engines/lua/lua-engine';
import { JsEngine, loadQuickJs } from '../engines/js/js-engine';
import { TengoEngine } from '../engines/tengo/tengo-engine';
import type { Engine } from '../engines/engine';
import { connectParentPort } from './parent-port';
import { Outbox } from './outbox';
import { EngineSession, RunStopped } from './engine-session';
import { describeSpellError } from './spell-error';

/** Starts serving the host; `factory` is already compiling the Lua wasm module. */
export function startEngineProcess(factory: LuaFactory): void {
  const port = connectParentPort();
  const outbox = new Outbox(port);
  const enginePromise = LuaEngine.create(factory);
  let session: EngineSession | undefined;
  let running = false;
  // QuickJS loads after `ready` (or when a JS spell arrives first), so Lua's boot is not delayed; its
  // VM is prepared then too, unless a Lua run started meanwhile (that run keeps the thread).
  let quickjs: ReturnType<typeof loadQuickJs> | undefined;
  let jsEngine: Promise<JsEngine> | undefined;
  const loadJs = () => (quickjs ??= loadQuickJs());
  const bootJs = (): Promise<JsEngine> => (jsEngine ??= loadJs().then((module) => JsEngine.create(module)));

  const finish = (result: { ok: boolean; result?: unknown; error?: ErrorInfo }): void => {
    outbox.send({ type: 'done', ...result });
    // Let the IPC channel drain, then leave: a process is never reused after a spell.
    setImmediate(() => process.exit(0));
  };

  const run = async (request: RunRequest): Promise<void> => {
    if (running) return; // one spell per process, ever
    running = true;
    let engine: Engine;
    try {
      engine =
        request.spell.engine === 'javascript' ? await bootJs() : request.spell.engine === 'tengo' ? new TengoEngine() : await enginePromise;
    } catch (error) {
      return finish({ ok: false, error: { code: 'crashed', message: `could not start the ${request.spell.engine} engine: ${String(error)}` } });
    }
    const current = (session = new EngineSession(request, outbox));
    const { spell, params, limits, mode } = request;
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
      port.send({ type: 'ready' });
      // A failure here is reported to the JS run that needs the engine.
      setImmediate(() => void loadJs().then(() => (running ? undefined : bootJs()), () => {}));
    },
    (error: unknown) => finish({ ok: false, error: { code: 'crashed', message: `could not start the Lua engine: ${String(error)}` } }),
  );
}
