import { modulesFor, paramName, type ApiType, type BridgeApi } from '../../contract/bridge-api';

/** Kinds the Lua checker understands (see prelude/entry.ts); `any` means no check. */
export type LuaArgKind = 'string' | 'number' | 'integer' | 'boolean' | 'function' | 'table' | 'any';

/** One parameter's check: name (Lua spelling), accepted kinds, optional. */
export type LuaArgSpec = [name: string, kinds: LuaArgKind[], optional: boolean];

/** What a Lua argument of this type must be: records, maps and lists are tables. */
export function luaArgKinds(type: ApiType): LuaArgKind[] {
  switch (type.kind) {
    case 'string':
    case 'literal':
      return ['string'];
    case 'number':
    case 'integer':
    case 'boolean':
      return [type.kind];
    case 'array':
    case 'map':
    case 'ref':
      return ['table'];
    case 'fn':
      return ['function'];
    case 'union': {
      const kinds = [...new Set(type.of.flatMap(luaArgKinds))];
      return kinds.includes('any') ? ['any'] : kinds;
    }
    default:
      return ['any'];
  }
}

/**
 * The Lua argument checks of every bridge function, derived from the same bridge description as the
 * JavaScript ones and the typing files: `{ module: { function: LuaArgSpec[] } }`. Checks stop at a
 * rest parameter; an `any` parameter keeps its position.
 */
export function luaArgSpecs(api?: BridgeApi): Record<string, Record<string, LuaArgSpec[]>> {
  const specs: Record<string, Record<string, LuaArgSpec[]>> = {};
  for (const { module, functions } of modulesFor('lua', api)) {
    const table: Record<string, LuaArgSpec[]> = {};
    for (const fn of functions) {
      const checks: LuaArgSpec[] = [];
      for (const param of fn.params) {
        if (param.rest) break;
        checks.push([paramName(param, 'lua'), luaArgKinds(param.type), param.optional ?? false]);
      }
      table[fn.name] = checks;
    }
    specs[module.name] = table;
  }
  return specs;
}
