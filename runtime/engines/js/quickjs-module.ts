/**
 * quickjs-emscripten, imported on demand: an ES module kept out of the bundles (its variant finds its
 * .wasm beside itself). A module of its own because dist/engine.cjs replaces it (scripts/build-runtime.mjs):
 * a script compiled from V8's code cache cannot `import()` on Node 20, so there its loader imports it.
 */
export const importQuickJs = (): Promise<typeof import('quickjs-emscripten')> => import('quickjs-emscripten');
