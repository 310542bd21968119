import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for the wasm compiler of an engine process: eager compilation (see the last flag) and
 * inlining of small wasm functions into their callers when TurboFan tiers a hot function up. Lua's interpreter calls many small helpers per
 * instruction (table access, metamethod lookup, string interning); inlined, the Lua CPU suite runs
 * ≈ 9 % faster (geometric mean; sort and method calls ≈ 15 %), measured with `npm run bench -- lua`.
 * The budgets are the ones that measured best here (larger ones gained nothing, smaller ones lost
 * most of it). Flags are process-wide: set once, before any wasm module is compiled (and, in the
 * engine process, before its script is compiled: V8 checks a code cache against the flags).
 */
export const WASM_COMPILER_FLAGS = [
  '--experimental-wasm-inlining',
  '--wasm-inlining-budget=20000',
  '--wasm-inlining-max-size=2000',
  // Node 20's V8 compiles a wasm function lazily, on this thread, at its first call: the Lua VM's
  // boot (state, libraries, prelude) then compiled hundreds of them one by one. Compiled ahead, on
  // V8's background threads while the engine's script is evaluated, the engine process reaches
  // `ready` with ≈ 8 ms less CPU on its main thread and ≈ 3.5 MB less resident (medians of 13 and 15
  // alternating starts; ≈ 9 ms more CPU in all, off the main thread).
  '--no-wasm-lazy-compilation',
  // A wasm function goes to TurboFan once it has run ≈ 10× longer than V8's default budget. With the
  // default, the Lua VM's own boot (state, libraries, prelude) made its hot functions tier up: ≈ 25 ms
  // of TurboFan on background threads in every process, which on two cores ran beside the engine's
  // boot and the CLI's load (a one-line `llmspell run`: 0.187 → 0.170 s wall, 0.25 → 0.23 s CPU,
  // medians of 21 in turn). A spell that computes still tiers up within its first milliseconds.
  '--wasm-tiering-budget=18000000',
] as const;

/**
 * Sets the flags on the V8 they were measured on (11.x, Node 20). Later V8s (Node 22+, Electron's)
 * inline wasm by default, and V8 prints "unrecognized flag" to stderr for a flag it no longer has.
 */
export function tuneWasmCompiler(v8Version = process.versions.v8): void {
  if (!v8Version.startsWith('11.')) return;
  for (const flag of WASM_COMPILER_FLAGS) setFlagsFromString(flag);
}
