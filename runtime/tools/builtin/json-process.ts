/** The `json_process` tool: query a JSON value by path and apply simple transforms. */
import { getAt, parsePath, showPath } from '../json-path';
import { defineTool } from '../tool-types';

const OPERATIONS = ['get', 'keys', 'values', 'length', 'pick', 'type'] as const;
type Params = { data?: unknown; json?: string; path?: string; operation?: (typeof OPERATIONS)[number]; fields?: string[] };

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** An object with only `fields` (those present); built with fromEntries so '__proto__' stays a plain key. */
function pick(value: unknown, fields: string[], where: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => pick(item, fields, `${where}[${i}]`));
  if (kind(value) !== 'object') throw new Error(`'pick' needs an object or a list of objects at '${where}', found ${kind(value)}`);
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(obj, f)).map((f) => [f, obj[f]]));
}

/** Queries (`$.a.b[0]`) and transforms (keys, values, length, pick, type) of JSON data. */
export const jsonProcess = defineTool<Params>({
  name: 'json_process',
  description:
    "Reads a JSON value ('data', or 'json' text) at a path like $.a.b[0] or a.b[-1] and applies an operation: get (default), keys, values, length, pick (keep 'fields' of an object or of each object in a list), type.",
  parameters: {
    type: 'object',
    properties: {
      data: { description: 'Any JSON value' },
      json: { type: 'string', description: 'JSON text, instead of data' },
      path: { type: 'string', default: '$' },
      operation: { type: 'string', enum: [...OPERATIONS], default: 'get' },
      fields: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: false,
  },
  run: (p) => {
    if ((p.data === undefined) === (p.json === undefined)) throw new Error("give either 'data' or 'json' (exactly one)");
    let root = p.data;
    if (p.json !== undefined) {
      try {
        root = JSON.parse(p.json);
      } catch (err) {
        throw new Error(`'json' is not valid JSON: ${(err as Error).message}`);
      }
    }
    const steps = parsePath(p.path ?? '$');
    const where = showPath(steps);
    const value = getAt(root, steps);
    switch (p.operation ?? 'get') {
      case 'get':
        return value;
      case 'type':
        return kind(value);
      case 'keys':
        if (kind(value) !== 'object') throw new Error(`'keys' needs an object at '${where}', found ${kind(value)}`);
        return Object.keys(value as object);
      case 'values':
        if (Array.isArray(value)) return value;
        if (kind(value) !== 'object') throw new Error(`'values' needs an object or a list at '${where}', found ${kind(value)}`);
        return Object.values(value as object);
      case 'length':
        if (typeof value === 'string' || Array.isArray(value)) return value.length;
        if (kind(value) === 'object') return Object.keys(value as object).length;
        throw new Error(`'length' needs a string, a list or an object at '${where}', found ${kind(value)}`);
      case 'pick':
        if (!p.fields) throw new Error("operation 'pick' needs parameter 'fields'");
        return pick(value, p.fields, where);
    }
  },
});
