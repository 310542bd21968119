import { paramName, type ApiParam, type ApiType } from '../../contract/bridge-api';

/** Namespace of the description's classes in both typing files (`llmspell.ChatOptions`). */
export const NS = 'llmspell';

/** Classes declared at the top level of the `.d.ts` (constructible ones, like `SpellError`). */
export type TopLevel = ReadonlySet<string>;

/** A type as TypeScript writes it. */
export function tsType(type: ApiType, top: TopLevel, position: 'param' | 'return' = 'param'): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'any':
    case 'null':
      return type.kind;
    case 'integer':
      return 'number';
    case 'void':
      return position === 'return' ? 'void' : 'undefined';
    case 'literal':
      return JSON.stringify(type.value);
    case 'array': {
      const inner = tsType(type.of, top);
      return type.of.kind === 'union' || type.of.kind === 'fn' ? `(${inner})[]` : `${inner}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(type.of, top)}>`;
    case 'ref':
      return top.has(type.name) ? type.name : `${NS}.${type.name}`;
    case 'union':
      return type.of.map((x) => (x.kind === 'fn' ? `(${tsType(x, top, position)})` : tsType(x, top, position))).join(' | ');
    case 'fn':
      return `(${tsParams(type.params, top)}) => ${tsType(type.returns, top, 'return')}`;
  }
}

/** `prompt: string, opts?: llmspell.ChatOptions`. */
export function tsParams(params: ApiParam[], top: TopLevel): string {
  return params
    .map((param) => {
      const name = paramName(param, 'js');
      if (param.rest) return `...${name}: Array<${tsType(param.type, top)}>`;
      return `${name}${param.optional ? '?' : ''}: ${tsType(param.type, top)}`;
    })
    .join(', ');
}

/** A type as LuaCATS writes it. */
export function luaType(type: ApiType): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'any':
      return type.kind;
    case 'void':
    case 'null':
      return 'nil';
    case 'literal':
      return JSON.stringify(type.value);
    case 'array': {
      const inner = luaType(type.of);
      return type.of.kind === 'union' || type.of.kind === 'fn' ? `(${inner})[]` : `${inner}[]`;
    }
    case 'map':
      return `table<string, ${luaType(type.of)}>`;
    case 'ref':
      return `${NS}.${type.name}`;
    case 'union': {
      const parts = type.of.filter((x) => x.kind !== 'void' && x.kind !== 'null').map(luaType);
      const optional = parts.length < type.of.length;
      const text = parts.join('|');
      return optional ? (parts.length > 1 ? `(${text})?` : `${text}?`) : text;
    }
    case 'fn': {
      const params = type.params.map((x) => (x.rest ? `...: ${luaType(x.type)}` : `${x.name}${x.optional ? '?' : ''}: ${luaType(x.type)}`)).join(', ');
      return type.returns.kind === 'void' ? `fun(${params})` : `fun(${params}): ${luaType(type.returns)}`;
    }
  }
}

/** Lines of a doc comment with the given prefix (`' * '` or `'---'`). */
export function docLines(text: string | undefined, prefix: string): string[] {
  return text ? text.split('\n').map((line) => `${prefix}${line}`.trimEnd()) : [];
}

