import type { ApiType } from './model';

/** A type in Tengo's words (its runtime type names: `string`, `int`, `array`, `map`, `func`, `error`). */
export function tengoType(type: ApiType): string {
  switch (type.kind) {
    case 'string':
    case 'any':
      return type.kind;
    case 'number':
      return 'int|float';
    case 'integer':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'void':
    case 'null':
      return 'undefined';
    case 'literal':
      return JSON.stringify(type.value);
    case 'array':
      return `[${tengoType(type.of)}]`;
    case 'map':
      return `{string: ${tengoType(type.of)}}`;
    case 'ref':
      return type.name;
    case 'union':
      return type.of.map(tengoType).join('|');
    case 'fn': {
      const params = type.params.map((x) => (x.rest ? `...${x.name}` : x.name)).join(', ');
      return `func(${params})${type.returns.kind === 'void' ? '' : ` → ${tengoType(type.returns)}`}`;
    }
  }
}
