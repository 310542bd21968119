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

/** `{ prelude, bridges }` as base64 Lua bytecode, for the engine bundle's `__LLMSPELL_LUA_BYTECODE__`. */
export async function luaBytecode(root) {
  const sources = await luaSources(root);
  const { LuaFactory } = createRequire(import.meta.url)('wasmoon');
  const vm = await new LuaFactory().createEngine();
  try {
    vm.global.set('SOURCES', [sources.prelude, ...sources.bridges]);
    const hex = vm.doStringSync(`
      local out = {}
      for i, source in ipairs(SOURCES) do
        local chunk = assert(load(source))
        out[i] = (string.dump(chunk):gsub('.', function(c) return string.format('%02x', c:byte()) end))
      end
      return out`);
    const [prelude, ...bridges] = hex.map((h) => Buffer.from(h, 'hex').toString('base64'));
    return { prelude, bridges };
  } finally {
    vm.global.close();
  }
}

/** LUA_PRELUDE and LUA_BRIDGES exactly as the engine bundle holds them. */
async function luaSources(root) {
  const result = await build({
    absWorkingDir: root,
    stdin: {
      contents: "export { LUA_PRELUDE as prelude } from './runtime/engines/lua/prelude/index';\nexport { LUA_BRIDGES as bridges } from './runtime/engines/lua/bridges';\n",
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
