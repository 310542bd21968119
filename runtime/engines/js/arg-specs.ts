import { modulesFor, paramName, type ApiType, type BridgeApi } from '../../contract/bridge-api';

/** Kinds the JS prelude can check (entry.ts); `any` means no check. */
export type ArgKind = 'string' | 'number' | 'integer' | 'boolean' | 'function' | 'object' | 'array' | 'any';

/** One parameter's check: name (JS spelling), accepted kinds, optional. */
export type ArgSpec = [name: string, kinds: ArgKind[], optional: boolean];

/** A function's checks; an async function reports a bad argument as a rejected promise. */
export interface FunctionSpec {
  async: boolean;
  params: ArgSpec[];
}

/** What an argument of this type must be. Records and maps are objects; literals are strings. */
export function argKinds(type: ApiType): ArgKind[] {
  switch (type.kind) {
    case 'string':
    case 'literal':
      return ['string'];
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
      return [type.kind];
    case 'map':
    case 'ref':
      return ['object'];
    case 'fn':
      return ['function'];
    case 'union': {
      const kinds = [...new Set(type.of.flatMap(argKinds))];
      return kinds.includes('any') ? ['any'] : kinds;
    }
    default:
      return ['any'];
  }
}

/**
 * The JavaScript argument checks of every bridge function, derived from the bridge description:
 * `{ module: { function: FunctionSpec } }` (module `globals` holds `fetch`, `setTimeout`, ...). Checks
 * stop at a rest parameter; `any` parameters are left out of the check but keep their position.
 */
export function jsArgSpecs(api?: BridgeApi): Record<string, Record<string, FunctionSpec>> {
  const specs: Record<string, Record<string, FunctionSpec>> = {};
  for (const { module, functions } of modulesFor('js', api)) {
    const table: Record<string, FunctionSpec> = {};
    for (const fn of functions) {
      const checks: ArgSpec[] = [];
      for (const param of fn.params) {
        if (param.rest) break;
        const kinds = argKinds(param.type);
        // an `any` parameter still holds its position: everything is accepted there
        checks.push([paramName(param, 'js'), kinds.includes('any') ? ['any'] : kinds, param.optional ?? false]);
      }
      table[fn.name] = { async: fn.async, params: checks };
    }
    specs[module.name] = table;
  }
  return specs;
}
