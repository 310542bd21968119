/**
 * Entry point of an engine process: one per run, forked by the supervisor (child_process.fork under
 * Node, utilityProcess.fork under Electron). Start latency matters, so the wasm module starts
 * compiling (on V8's background threads) before the rest of the runtime is even evaluated. The wasm
 * heap cap and the wasm compiler's flags go in before any wasm glue loads (see wasm-heap-cap.ts,
 * wasm-compiler.ts).
 */
import { installWasmHeapCap } from './wasm-heap-cap';
import { tuneWasmCompiler } from './wasm-compiler';
import { ONE_SHOT_ENV, PREPARE_JS_ENV } from './one-shot';

tuneWasmCompiler();
installWasmHeapCap();
const { wasmoon } = await import('../engines/lua/wasmoon');
const factory = new wasmoon.LuaFactory();
void factory.getLuaModule();
const { startEngineProcess } = await import('./engine-main');
startEngineProcess(factory, { oneShot: process.env[ONE_SHOT_ENV] === '1', prepareJs: process.env[PREPARE_JS_ENV] === '1' });
