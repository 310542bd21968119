import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for the wasm compiler of an engine process: inlining of small wasm functions into their
 * callers when TurboFan tiers a hot function up. Lua's interpreter calls many small helpers per
 * instruction (table access, metamethod lookup, string interning); inlined, the Lua CPU suite runs
 * ≈ 9 % faster (geometric mean; sort and method calls ≈ 15 %), measured with `npm run bench -- lua`.
 * The budgets are the ones that measured best here (larger ones gained nothing, smaller ones lost
 * most of it). Flags are process-wide: set once, before any wasm module is compiled.
 */
export const WASM_COMPILER_FLAGS = ['--experimental-wasm-inlining', '--wasm-inlining-budget=20000', '--wasm-inlining-max-size=2000'] as const;

/**
 * Sets the flags on the V8 they were measured on (11.x, Node 20). Later V8s (Node 22+, Electron's)
 * inline wasm by default, and V8 prints "unrecognized flag" to stderr for a flag it no longer has.
 */
export function tuneWasmCompiler(v8Version = process.versions.v8): void {
  if (!v8Version.startsWith('11.')) return;
  for (const flag of WASM_COMPILER_FLAGS) setFlagsFromString(flag);
}
