/**
 * Schemas whose checking is cheap and bounded enough to run on the host's own thread: only keywords
 * that cost one pass over the value (no patterns, formats, combinators, references or uniqueItems),
 * a small schema and a small value. Everything else goes to the schema worker (schema-checks.ts).
 * This keeps the common case (a tool's typed parameters) free of the worker's round trip.
 */

const LINEAR_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'title', 'description', 'default', 'examples', '$schema', '$comment', 'nullable', 'readOnly', 'writeOnly', 'deprecated',
]);
// annotation keywords whose values are data, not subschemas: not walked
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'required', 'title', 'description', '$comment', '$schema']);

const MAX_SCHEMA_CHARS = 16 * 1024;
const MAX_VALUE_CHARS = 64 * 1024;
const MAX_DEPTH = 16;

function linear(schema: unknown, depth: number): boolean {
  if (typeof schema === 'boolean') return true;
  if (depth > MAX_DEPTH || typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  for (const [key, sub] of Object.entries(schema)) {
    if (!LINEAR_KEYWORDS.has(key)) return false;
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) return false;
      if (!Object.values(sub).every((s) => linear(s, depth + 1))) return false;
    } else if (key === 'items' || key === 'additionalProperties') {
      if (!linear(sub, depth + 1)) return false; // a tuple form (array) is refused by linear() too
    } else if (typeof sub === 'object' && sub !== null) {
      return false; // a keyword above with an object value is not the simple form
    }
  }
  return true;
}

/** True when checking `value` against `schema` is bounded and cheap enough for the host's thread. */
export function isBoundedCheck(schema: unknown, value: unknown, hasValue: boolean): boolean {
  let schemaText: string | undefined;
  let valueText: string | undefined;
  try {
    schemaText = JSON.stringify(schema);
    valueText = hasValue ? JSON.stringify(value) : '';
  } catch {
    return false;
  }
  if (schemaText === undefined || schemaText.length > MAX_SCHEMA_CHARS) return false;
  if (valueText !== undefined && valueText.length > MAX_VALUE_CHARS) return false;
  return linear(schema, 0);
}
