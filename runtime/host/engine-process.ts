/**
 * Entry point of an engine process: one per run, forked by the supervisor (child_process.fork under
 * Node, utilityProcess.fork under Electron). Start latency matters: the engine is loaded as one script
 * compiled from V8's code cache (engine-script-loader.ts), or, when that cannot be, from the ES module
 * bundle (the same boot, engine-boot.ts). The wasm compiler's flags are set first, before any wasm
 * compiles and before the script does: V8 checks a code cache against the flags (wasm-compiler.ts).
 */
import { tuneWasmCompiler } from './wasm-compiler';
import { loadEngineScript, type LoadedEngine } from './engine-script-loader';

tuneWasmCompiler();
let script: LoadedEngine | undefined;
try {
  script = loadEngineScript();
} catch {
  // anything unexpected in the fast path: the ES module bundle below
}
// (no top-level await: the entry is a CommonJS file, see scripts/build-runtime.mjs)
if (script) void script.start();
else {
  // dist/engine-boot.js, beside this file (built from engine-boot.ts; a separate bundle, see scripts/build-runtime.mjs).
  void (import(new URL('engine-boot.js', import.meta.url).href) as Promise<typeof import('./engine-boot')>).then((boot) => boot.bootEngineProcess());
}
