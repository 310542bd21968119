/**
 * The engine process's boot, shared by its two loaders (engine-process.ts): the one-script bundle
 * compiled from V8's code cache (dist/engine.cjs, engine-script.ts) and the ES module bundle it falls
 * back to. The wasm heap cap goes in before any wasm glue loads (wasm-heap-cap.ts), and the Lua wasm
 * starts compiling (on V8's background threads) before the rest of the runtime is evaluated. The
 * loader has already set the wasm compiler's flags (wasm-compiler.ts).
 */
import { installWasmHeapCap } from './wasm-heap-cap';
import { ONE_SHOT_ENV, PREPARE_JS_ENV } from './one-shot';

export interface BootOptions {
  /** Runs once, before any spell (when booted and waiting, or as an early run starts): writes the code cache. */
  onIdle?: () => void;
  /** The Lua wasm's path, when the wasm glue is not loaded from its own package folder (bundled in). */
  luaWasm?: string;
}

export async function bootEngineProcess(options: BootOptions = {}): Promise<void> {
  installWasmHeapCap();
  const { wasmoon } = await import('../engines/lua/wasmoon');
  const factory = new wasmoon.LuaFactory(options.luaWasm);
  void factory.getLuaModule();
  // The glue reads the .wasm and starts compiling it a few promise reactions later: let those run
  // first, so the compile (on V8's background threads) overlaps the evaluation of the rest, instead
  // of starting after it (≈ 5 ms later on this machine).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const { startEngineProcess } = await import('./engine-main');
  startEngineProcess(factory, {
    oneShot: process.env[ONE_SHOT_ENV] === '1',
    prepareJs: process.env[PREPARE_JS_ENV] === '1',
    ...(options.onIdle ? { onIdle: options.onIdle } : {}),
  });
}
