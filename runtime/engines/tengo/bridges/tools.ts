/**
 * `tools` for Tengo: spell tools are Tengo functions `fn(params)`; built-in tools live in the host.
 * Parameters are checked against the tool's JSON Schema in the host before a spell tool runs.
 */
import { toJs } from '../interop';
import { arrayItems, isCallable, mapEntries, newArray, TError, type ImmutableMap, type TMap, type Value } from '../values';
import type { ToolAccess } from './agents';
import type { Kit } from './kit';

interface ToolEntry {
  name: string;
  description: Value;
  parameters: Value;
  fn?: Value;
}

/** The module, and the access agents get to it (the same registry). */
export function toolsModule(kit: Kit): { module: ImmutableMap; access: ToolAccess } {
  const registry = new Map<string, ToolEntry>();
  let builtins: Map<string, ToolEntry> | undefined;
  const loadBuiltins = () => {
    if (builtins) return builtins;
    builtins = new Map();
    for (const t of arrayItems(kit.call('tools.builtin_list')) ?? []) {
      const m = mapEntries(t);
      const name = m?.get('name');
      if (typeof name === 'string') builtins.set(name, { name, description: m!.get('description'), parameters: m!.get('parameters') });
    }
    return builtins;
  };
  const find = (name: Value) => (typeof name === 'string' ? (registry.get(name) ?? loadBuiltins().get(name)) : undefined);
  const describe = (t: ToolEntry): TMap =>
    new Map<string, Value>([
      ['name', t.name],
      ['description', t.description],
      ['parameters', t.parameters],
      ['builtin', t.fn === undefined],
    ]);
  const validate = (name: Value, params: Value): true | TError => {
    const t = find(name);
    if (!t) return new TError(`unknown tool '${String(name)}'`);
    const r = kit.call('tools.validate', t.parameters, params ?? new Map());
    if (r instanceof TError) return r;
    const m = mapEntries(r);
    if (m?.get('valid') === true) return true;
    const errors = (arrayItems(m?.get('errors')) ?? []).map(String).join('; ');
    return new TError(`invalid parameters for tool '${t.name}': ${errors}`);
  };
  /** The definition an LLM sees, as JSON data. */
  const spec = (name: Value): TMap | undefined => {
    const t = find(name);
    return t ? new Map<string, Value>([['name', t.name], ['description', t.description], ['parameters', t.parameters]]) : undefined;
  };
  const execute = (name: Value, params: Value): Value => {
    const t = find(name);
    if (!t) return new TError(`unknown tool '${String(name)}'`);
    const args = params ?? new Map<string, Value>();
    kit.host.post({ t: 'notify', name: 'tool-call', dataJson: JSON.stringify({ tool: t.name, arguments: toJs(args) }) });
    let result: Value;
    if (t.fn) {
      const ok = validate(name, args);
      result = ok === true ? kit.m.call(t.fn, [args]) : ok;
    } else {
      result = kit.call('tools.builtin_execute', t.name, args);
    }
    const failed = result instanceof TError;
    kit.host.post({
      t: 'notify',
      name: 'tool-result',
      dataJson: JSON.stringify({ tool: t.name, ok: !failed, result: failed ? null : safeJs(result), error: result instanceof TError ? String(toJs(result.value)) : null }),
    });
    return result;
  };
  const module = kit.module('tools', {
    register: ([name, description, schema, fn]) => {
      if (typeof name !== 'string' || name === '') return new TError('tools.register: the name must be a non-empty string');
      if (registry.has(name)) return new TError(`tool '${name}' is already registered`);
      registry.set(name, { name, description, parameters: schema ?? new Map([['type', 'object']]), fn: isCallable(fn) ? fn : undefined });
      return true;
    },
    validate: ([name, params]) => validate(name, params),
    execute: ([name, params]) => execute(name, params),
    get: ([name]) => {
      const t = find(name);
      return t ? describe(t) : new TError(`unknown tool '${String(name)}'`);
    },
    list: () => {
      const names = [...new Set([...registry.keys(), ...loadBuiltins().keys()])].sort();
      return newArray(names.map((n) => describe(find(n)!)));
    },
    remove: ([name]) => {
      if (typeof name !== 'string' || !registry.delete(name)) return new TError(`unknown script tool '${String(name)}'`);
      return true;
    },
    spec: ([name]) => spec(name),
  });
  const access: ToolAccess = {
    spec: (name) => {
      const s = spec(name);
      if (!s) return undefined;
      // The host's tool request takes no nulls: leave out what the spell did not give.
      return Object.fromEntries(Object.entries(toJs(s) as Record<string, unknown>).filter(([, v]) => v !== null));
    },
    isSpell: (name) => registry.get(name)?.fn !== undefined,
    execute,
  };
  return { module, access };
}

function safeJs(v: Value): unknown {
  try {
    return toJs(v);
  } catch {
    return String(v);
  }
}


