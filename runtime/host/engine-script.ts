/**
 * Entry of dist/engine.cjs: the whole engine process as one CommonJS script, which the engine's loader
 * (engine-process.ts, engine-script-loader.ts) compiles from V8's code cache. Modules the boot imports
 * dynamically are evaluated on first use, in the same order as in the ES module bundle.
 */
export { bootEngineProcess as start } from './engine-boot';
