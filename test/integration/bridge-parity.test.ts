/**
 * The bridge description (runtime/contract/bridge-api.ts) and the engines cannot drift: every global
 * a spell sees in each engine, and every function of it, is described, and the other way round. In
 * Tengo the "globals" are the bridge modules a spell imports by name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BRIDGE_API, classesFor, modulesFor, type Language } from '../../runtime/contract/bridge-api';
import { BRIDGE_MODULES } from '../../runtime/engines/tengo/bridges/index';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-parity-');
afterAll(() => ws.cleanup());

/** Globals of the languages themselves (QuickJS's ECMAScript built-ins; Lua's safe standard library). */
const JS_BUILTINS = new Set([
  ...('Error EvalError RangeError ReferenceError SyntaxError TypeError URIError InternalError AggregateError Array Object Function ' +
    'Iterator parseInt parseFloat isNaN isFinite decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape ' +
    'Infinity NaN undefined eval Number Boolean String Math Reflect Symbol globalThis BigInt Date RegExp JSON Proxy Map Set ' +
    'WeakMap WeakSet ArrayBuffer SharedArrayBuffer Uint8ClampedArray Int8Array Uint8Array Int16Array Uint16Array Int32Array ' +
    'Uint32Array BigInt64Array BigUint64Array Float16Array Float32Array Float64Array DataView Promise WeakRef FinalizationRegistry').split(' '),
  // the engine's own: what rewritten async functions call (runtime/engines/js/async-watch.ts), read-only
  '__llmspell_async',
]);
const LUA_BUILTINS = new Set(
  ('assert error ipairs next pairs pcall xpcall print rawequal rawget rawlen rawset select setmetatable getmetatable tonumber ' +
    'tostring type _VERSION collectgarbage string table math utf8 coroutine _G').split(' '),
);

/** What a spell of `language` should see: global name → sorted function names (`[]` for a function or value). */
function described(language: Language): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { module, functions } of modulesFor(language)) {
    if (module.global) for (const fn of functions) out[fn.name] = [];
    else out[module.name] = functions.map((f) => f.name).sort();
  }
  for (const cls of classesFor(language)) if (cls.constructible) out[cls.name] = [];
  for (const value of BRIDGE_API.values) if (value.only === undefined || value.only === language) out[value.name] = [];
  return out;
}

const LUA_SPELL = `
local builtins = json.decode(params.builtins)
local skip = {}
for _, name in ipairs(builtins) do skip[name] = true end
local seen = {}
for name, value in pairs(_G) do
  if not skip[name] then
    local fns = {}
    if type(value) == "table" and name ~= "params" then
      for k, v in pairs(value) do if type(v) == "function" then fns[#fns + 1] = k end end
    end
    table.sort(fns)
    seen[name] = fns
  end
end
print(json.encode(seen))
`;

const JS_SPELL = `
const builtins = new Set(JSON.parse(params.builtins));
const seen = {};
for (const name of Object.getOwnPropertyNames(globalThis)) {
  if (builtins.has(name)) continue;
  const value = globalThis[name];
  seen[name] = typeof value === 'object' && value !== null && name !== 'params'
    ? Object.keys(value).filter((k) => typeof value[k] === 'function').sort()
    : [];
}
console.log(JSON.stringify(seen));
`;

async function globalsOf(engine: 'lua' | 'js'): Promise<Record<string, string[]>> {
  const file = ws.write(`parity.${engine}`, engine === 'lua' ? LUA_SPELL : JS_SPELL);
  const builtins = JSON.stringify([...(engine === 'lua' ? LUA_BUILTINS : JS_BUILTINS)]);
  const result = await runCli(['run', file, `builtins=${builtins}`]);
  expect(result.stderr).toBe('');
  const seen = JSON.parse(result.stdout) as Record<string, string[] | Record<string, never>>;
  // Lua's json.encode writes an empty table as {}
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, Array.isArray(v) ? v : []]));
}

describe('the bridge description matches the engines', () => {
  it.each([
    ['lua', 'lua'],
    ['js', 'js'],
  ] as const)('%s: every global and function is described, and every described one exists', async (engine, language) => {
    expect(await globalsOf(engine)).toEqual(described(language));
  });
});

/** Imports every bridge module the Tengo engine offers and lists the functions of each. */
function tengoSpell(names: readonly string[]): string {
  const lines = ['json := import("json")', 'fmt := import("fmt")', 'seen := {}'];
  names.forEach((name, i) => {
    lines.push(`m${i} := import("${name}")`, `fns${i} := []`);
    if (name !== 'params') lines.push(`for k, v in m${i} { if is_callable(v) { fns${i} = append(fns${i}, k) } }`);
    lines.push(`seen["${name}"] = fns${i}`);
  });
  lines.push('fmt.println(string(json.encode(seen)))');
  return lines.join('\n');
}

describe('the bridge description matches the Tengo engine', () => {
  it('tengo: every bridge module and function is described, and every described one is importable', async () => {
    const file = ws.write('parity.tengo', tengoSpell(BRIDGE_MODULES));
    const result = await runCli(['run', file]);
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout) as Record<string, string[]>;
    const sorted = Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v].sort()]));
    expect(sorted).toEqual(described('tengo'));
  });

  it.each(['promise', 'async', 'console', 'os'])('tengo: %s is not a module (a compile error naming it)', async (name) => {
    const file = ws.write(`no-${name}.tengo`, `m := import("${name}")`);
    const result = await runCli(['run', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`Compile Error: module '${name}' not found`);
  });
});
