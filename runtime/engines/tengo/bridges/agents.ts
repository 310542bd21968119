/** `agents` for Tengo: agents are Tengo functions `fn(input, options)`, registered by name. */
import { isCallable, newArray, TError, type ImmutableMap, type Value } from '../values';
import type { Kit } from './kit';

export function agentsModule(kit: Kit): ImmutableMap {
  const registry = new Map<string, Value>();
  const lookup = (name: Value): Value | TError => (typeof name === 'string' && registry.has(name) ? registry.get(name) : new TError(`unknown agent '${String(name)}'`));
  return kit.module('agents', {
    register: ([name, fn]) => {
      if (typeof name !== 'string' || name === '') return new TError('agents.register: the name must be a non-empty string');
      if (!isCallable(fn)) return new TError(`agent '${name}' must be a function(input, options)`);
      registry.set(name, fn);
      return true;
    },
    execute: ([name, input, options]) => {
      const fn = lookup(name);
      return fn instanceof TError ? fn : kit.m.call(fn, [input, options]);
    },
    stream: ([name, input, callback, options]) => {
      const fn = lookup(name);
      if (fn instanceof TError) return fn;
      const r = kit.m.call(fn, [input, options]);
      if (!(r instanceof TError) && r !== undefined) kit.m.call(callback, [r]);
      return r;
    },
    get: ([name]) => lookup(name),
    remove: ([name]) => (typeof name === 'string' && registry.delete(name) ? true : new TError(`unknown agent '${String(name)}'`)),
    list: () => newArray([...registry.keys()].sort()),
  });
}
