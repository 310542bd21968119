// The engine's Lua sources (prelude and bridges) as Lua 5.4 bytecode, made at build time by the same
// wasmoon the engine runs: loading bytecode skips Lua's parser, the largest part of an engine
// process's start (≈ 60 KB of Lua parsed by a not yet optimised wasm build, 20–130 ms under load).
// The strings come from the very modules the engine imports (bundled here with the same raw-text
// plugin), so source and bytecode cannot drift apart. Each chunk is dumped with its debug
// information and under the chunk name `doString` gives it (the source itself), so error messages and
// tracebacks read exactly as with the source. Runs without a build (vitest) load the source instead.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { rawText } from './raw-text.mjs';

/**
 * `{ prelude, bridges, checkArgs }` as base64 Lua bytecode, for the engine bundle's
 * `__LLMSPELL_LUA_BYTECODE__`. The argument checks' chunk (one call with a large table literal, made
 * from the bridge description) is named `=check-args` and dumped without debug information: its
 * default name would be its whole source, twice its size again, and its only error would be ours.
 */
export async function luaBytecode(root) {
  const sources = await luaSources(root);
  const { LuaFactory } = createRequire(import.meta.url)('wasmoon');
  const vm = await new LuaFactory().createEngine();
  try {
    vm.global.set('SOURCES', [sources.prelude, ...sources.bridges]);
    vm.global.set('CHECK_ARGS', sources.checkArgsChunk());
    const hex = vm.doStringSync(`
      local function hex(s) return (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
      local out = {}
      for i, source in ipairs(SOURCES) do out[i] = hex(string.dump(assert(load(source)))) end
      out[#out + 1] = hex(string.dump(assert(load(CHECK_ARGS, '=check-args')), true))
      return out`);
    const all = hex.map((h) => Buffer.from(h, 'hex').toString('base64'));
    const checkArgs = all.pop();
    const [prelude, ...bridges] = all;
    return { prelude, bridges, checkArgs };
  } finally {
    vm.global.close();
  }
}

/** LUA_PRELUDE, LUA_BRIDGES and the argument checks' chunk exactly as the engine bundle holds them. */
async function luaSources(root) {
  const result = await build({
    absWorkingDir: root,
    stdin: {
      contents:
        "export { LUA_PRELUDE as prelude } from './runtime/engines/lua/prelude/index';\nexport { LUA_BRIDGES as bridges } from './runtime/engines/lua/bridges';\nexport { checkArgsChunk } from './runtime/engines/lua/check-args-chunk';\n",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    plugins: [rawText],
    logLevel: 'error',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
