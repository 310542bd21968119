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

/**
 * Plain data as Lua source (a table constructor), for `doString`: the Lua parser builds the value
 * inside the VM in one call, where pushing it through wasmoon's API takes a JS → wasm call (and string
 * conversions) per field — 0.15–0.45 s of an engine's start for the 6 KB of bridge argument specs.
 * Functions, class instances and cycles are dropped as in toLuaSafe; null is nil.
 */
export function toLuaLiteral(value: unknown): string {
  const safe = toLuaSafe(value);
  return safe === undefined ? 'nil' : literal(safe);
}

function literal(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return luaString(value);
    case 'boolean':
      return String(value);
    case 'number':
      if (Number.isNaN(value)) return '(0/0)';
      if (!Number.isFinite(value)) return value > 0 ? '(1/0)' : '(-1/0)';
      return Number.isInteger(value) && !Number.isSafeInteger(value) ? value.toExponential() : String(value);
    case 'object': {
      if (Array.isArray(value)) return `{${value.map((item) => (item === undefined ? 'nil' : literal(item))).join(',')}}`;
      const fields = Object.entries(value as Record<string, unknown>).map(([key, item]) => `[${luaString(key)}]=${literal(item)}`);
      return `{${fields.join(',')}}`;
    }
    default:
      return 'nil';
  }
}

/** A double-quoted Lua string: quote, backslash and control characters as three-digit decimal escapes. */
function luaString(text: string): string {
  return `"${text.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString().padStart(3, '0')}`)}"`;
}
