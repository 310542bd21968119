/**
 * The `enum` module (stdlib-enum.md): all, any, chunk, at, each, filter, find, find_key, map, key,
 * value. Callbacks are Tengo functions, called with (key, value).
 */
import type { Machine } from '../machine';
import { arrayItems, isFalsy, mapEntries, newArray, type ImmutableMap, type Value } from '../values';
import { argCount, moduleOf, numArg } from './args';
import { runtimeError } from '../errors';

/** (key, value) pairs of an array or map, or undefined when x is neither. */
function pairs(x: Value): [Value, Value][] | undefined {
  const items = arrayItems(x);
  if (items) return items.map((v, i) => [i, v]);
  const m = mapEntries(x);
  return m ? [...m.entries()] : undefined;
}

export function enumModule(m: Machine): ImmutableMap {
  const call = (fn: Value, k: Value, v: Value) => m.call(fn, [k, v]);
  const over = (f: (ps: [Value, Value][], fn: Value, x: Value) => Value) => (args: Value[]) => {
    argCount(args, 2);
    const ps = pairs(args[0]);
    return ps ? f(ps, args[1], args[0]) : undefined;
  };
  return moduleOf({
    all: over((ps, fn) => ps.every(([k, v]) => !isFalsy(call(fn, k, v)))),
    any: over((ps, fn) => ps.some(([k, v]) => !isFalsy(call(fn, k, v)))),
    chunk: (args) => {
      argCount(args, 2);
      const items = arrayItems(args[0]);
      if (!items) return undefined;
      const size = numArg(args, 1);
      if (size <= 0) throw runtimeError('invalid chunk size: must be > 0');
      const out: Value[] = [];
      for (let i = 0; i < items.length; i += size) out.push(newArray(items.slice(i, i + size)));
      return newArray(out);
    },
    at: (args) => {
      argCount(args, 2);
      const items = arrayItems(args[0]);
      if (items) return typeof args[1] === 'number' ? items[args[1]] : undefined;
      const map = mapEntries(args[0]);
      return map && typeof args[1] === 'string' ? map.get(args[1]) : undefined;
    },
    each: over((ps, fn) => {
      for (const [k, v] of ps) call(fn, k, v);
      return undefined;
    }),
    filter: over((ps, fn, x) => (arrayItems(x) ? newArray(ps.filter(([k, v]) => !isFalsy(call(fn, k, v))).map(([, v]) => v)) : undefined)),
    find: over((ps, fn) => ps.find(([k, v]) => !isFalsy(call(fn, k, v)))?.[1]),
    find_key: over((ps, fn) => ps.find(([k, v]) => !isFalsy(call(fn, k, v)))?.[0]),
    map: over((ps, fn) => newArray(ps.map(([k, v]) => call(fn, k, v)))),
    key: (args) => {
      argCount(args, 2);
      return args[0];
    },
    value: (args) => {
      argCount(args, 2);
      return args[1];
    },
  });
}
