import { modulesFor, paramName, type ApiType, type BridgeApi, type Language } from '../contract/bridge-api';

/**
 * The argument checks both engines install around their bridge functions, derived from the one
 * bridge description. JavaScript tells objects from arrays; in Lua both are tables. `any` means no check.
 */
export type ArgKind = 'string' | 'number' | 'integer' | 'boolean' | 'function' | 'object' | 'array' | 'table' | 'any';

/** One parameter's check: name (in the language's spelling), accepted kinds, optional. */
export type ArgSpec = [name: string, kinds: ArgKind[], optional: boolean];

/** A function's checks; in JavaScript an async function reports a bad argument as a rejected promise. */
export interface FunctionSpec {
  async: boolean;
  params: ArgSpec[];
}

/** What an argument of this type must be in `language`. Literals are strings. */
export function argKinds(type: ApiType, language: Language): ArgKind[] {
  switch (type.kind) {
    case 'string':
    case 'literal':
      return ['string'];
    case 'number':
    case 'integer':
    case 'boolean':
      return [type.kind];
    case 'array':
      return [language === 'js' ? 'array' : 'table'];
    case 'map':
    case 'ref':
      return [language === 'js' ? 'object' : 'table'];
    case 'fn':
      return ['function'];
    case 'union': {
      const kinds = [...new Set(type.of.flatMap((t) => argKinds(t, language)))];
      return kinds.includes('any') ? ['any'] : kinds;
    }
    default:
      return ['any'];
  }
}

/**
 * The checks of every bridge function of `language`: `{ module: { function: FunctionSpec } }`
 * (in JavaScript, module `globals` holds `fetch`, `setTimeout`, ...). Checks stop at a rest
 * parameter; an `any` parameter keeps its position and accepts everything.
 */
export function argSpecs(language: Language, api?: BridgeApi): Record<string, Record<string, FunctionSpec>> {
  const specs: Record<string, Record<string, FunctionSpec>> = {};
  for (const { module, functions } of modulesFor(language, api)) {
    const table: Record<string, FunctionSpec> = {};
    for (const fn of functions) {
      const params: ArgSpec[] = [];
      for (const param of fn.params) {
        if (param.rest) break;
        params.push([paramName(param, language), argKinds(param.type, language), param.optional ?? false]);
      }
      table[fn.name] = { async: fn.async, params };
    }
    specs[module.name] = table;
  }
  return specs;
}
