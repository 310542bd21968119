/**
 * Makes a JS value safe to push into a wasmoon VM: plain data only. `null` becomes `undefined`
 * (wasmoon cannot push null without injecting its own objects), functions and class instances are
 * dropped, and cycles are cut, so no live host object ever reaches a spell.
 */
export function toLuaSafe(value: unknown, seen = new Set<object>()): unknown {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'object': {
      if (seen.has(value)) return undefined;
      seen.add(value);
      try {
        if (Array.isArray(value)) return value.map((item) => toLuaSafe(item, seen));
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) return undefined;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          const item = toLuaSafe((value as Record<string, unknown>)[key], seen);
          if (item !== undefined) out[key] = item;
        }
        return out;
      } finally {
        seen.delete(value);
      }
    }
    default:
      return undefined;
  }
}
