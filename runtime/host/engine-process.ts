/**
 * Entry point of an engine process: one per run, forked by the supervisor (child_process.fork under
 * Node, utilityProcess.fork under Electron). Start latency matters, so the wasm module starts
 * compiling (on V8's background threads) before the rest of the runtime is even evaluated.
 */
export {};
const { LuaFactory } = await import('wasmoon');
const factory = new LuaFactory();
void factory.getLuaModule();
const { startEngineProcess } = await import('./engine-main');
startEngineProcess(factory);
