/**
 * JSON text with mapping keys sorted at every level, so equal values always hash the same however
 * their keys were inserted. `undefined` fields are left out, as JSON.stringify does.
 */

/** The canonical JSON of `value`, or undefined when it holds something JSON cannot (a function, a cycle, NaN). */
export function canonicalJson(value: unknown): string | undefined {
  try {
    return write(value, new Set());
  } catch {
    return undefined;
  }
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not JSON');
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new Error('not JSON');
  if (seen.has(value)) throw new Error('cycle');
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : write(item, seen))).join(',')}]`;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], seen)}`).join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
