/**
 * Entry point of an engine process: one per run, forked by the supervisor (child_process.fork under
 * Node, utilityProcess.fork under Electron). It boots a VM ahead of time, reports `ready`, runs exactly
 * one spell, reports `done` and exits. It has no API keys and no host environment: every capability
 * is an RPC back to the host.
 */
import { LuaFactory } from 'wasmoon';
import { HostToEngine, RunRequest, type ErrorInfo } from '../contract/engine-protocol';
import { LuaEngine } from '../engines/lua/lua-engine';
import { connectParentPort } from './parent-port';
import { Outbox } from './outbox';
import { EngineSession, RunStopped } from './engine-session';
import { describeSpellError } from './spell-error';

const port = connectParentPort();
const outbox = new Outbox(port);
let session: EngineSession | undefined;
let running = false;

const enginePromise = LuaEngine.create(new LuaFactory());

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
          : { id: message.id, kind: 'result', ok: false, error: message.error ?? 'failed' },
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

async function run(request: RunRequest): Promise<void> {
  if (running) return; // one spell per process, ever
  running = true;
  const engine = await enginePromise;
  session = new EngineSession(request, outbox);
  try {
    await engine.run(
      { code: request.spell.code, fileName: request.spell.fileName, params: request.params, limits: request.limits },
      session,
    );
    finish({ ok: true });
  } catch (error) {
    const stopped = error instanceof RunStopped ? error.message : session.stopped;
    finish({ ok: false, error: describeSpellError(error, request.spell.fileName, stopped) });
  }
}

function finish(result: { ok: boolean; error?: ErrorInfo }): void {
  outbox.send({ type: 'done', ...result });
  // Let the IPC channel drain, then leave: a process is never reused after a spell.
  setImmediate(() => process.exit(0));
}

void enginePromise.then(
  () => port.send({ type: 'ready' }),
  (error: unknown) => finish({ ok: false, error: { code: 'crashed', message: `could not start the Lua engine: ${String(error)}` } }),
);
