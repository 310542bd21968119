/**
 * What every Tengo bridge module is built from: the blocking host, the machine (to call Tengo
 * callbacks), and the argument checks derived from the bridge description (Tengo's view: Lua's names).
 */
import { argSpecs, type ArgKind } from '../../arg-specs';
import { runtimeError } from '../errors';
import { fromJs, toJs } from '../interop';
import type { Machine } from '../machine';
import type { SyncHost } from '../worker/sync-host';
import { ImmutableArray, ImmutableMap, isCallable, TArray, TBuiltin, TError, TFloat, TFunction, typeName, type Value } from '../values';

const SPECS = argSpecs('tengo');

export interface Kit {
  host: SyncHost;
  m: Machine;
  /** A host call: its value as Tengo, or an error value. */
  call(method: string, ...args: Value[]): Value;
  /** A host call with stream events handed to `onEvent` (return a reason to stop the stream). */
  stream(method: string, args: Value[], onEvent: (event: unknown) => string | undefined): Value;
  /**
   * Calls a spell's callback with up to `args.length` arguments: a Tengo function that declares
   * fewer parameters gets the first ones (Lua would drop the rest; Tengo counts arguments strictly).
   */
  callback(fn: Value, args: Value[]): Value;
  /** Builds an immutable module map whose functions check their arguments against the description. */
  module(name: string, fns: Record<string, (args: Value[]) => Value>): ImmutableMap;
}

function fits(v: Value, kind: ArgKind): boolean {
  switch (kind) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' || typeof v === 'bigint';
    case 'number':
      return typeof v === 'number' || typeof v === 'bigint' || v instanceof TFloat;
    case 'boolean':
      return typeof v === 'boolean';
    case 'function':
      return isCallable(v);
    case 'array':
      return v instanceof TArray || v instanceof ImmutableArray;
    case 'object':
    case 'table':
      return v instanceof TArray || v instanceof ImmutableArray || v instanceof Map || v instanceof ImmutableMap;
  }
}

function checked(module: string, name: string, fn: (args: Value[]) => Value): (args: Value[]) => Value {
  const spec = SPECS[module]?.[name];
  if (!spec) return fn;
  return (args) => {
    spec.params.forEach(([param, kinds, optional], i) => {
      const v = args[i];
      if (v === undefined && optional) return;
      if (!kinds.some((k) => fits(v, k))) {
        throw runtimeError(`${module}.${name}: invalid type for argument '${param}': expected ${kinds.join('/').replace('table', 'map/array')}, found ${typeName(v)}`);
      }
    });
    return fn(args);
  };
}

export function makeKit(host: SyncHost, m: Machine): Kit {
  const toArgs = (args: Value[]) => args.map((a) => toJs(a));
  return {
    host,
    m,
    call(method, ...args) {
      const r = host.call(method, toArgs(args));
      return r.ok ? fromJs(r.value) : new TError(r.error);
    },
    callback(fn, args) {
      // Counts as a step even when `fn` is a host function, so no loop of callbacks escapes the limits.
      if (--m.budget <= 0) m.tick();
      return m.call(fn, fn instanceof TFunction && !fn.variadic && fn.nparams < args.length ? args.slice(0, fn.nparams) : args);
    },
    stream(method, args, onEvent) {
      const r = host.call(method, toArgs(args), onEvent);
      return r.ok ? fromJs(r.value) : new TError(r.error);
    },
    module(name, fns) {
      const map = new Map<string, Value>();
      for (const [k, f] of Object.entries(fns)) map.set(k, new TBuiltin(`${name}.${k}`, checked(name, k, f)));
      return new ImmutableMap(map);
    },
  };
}
