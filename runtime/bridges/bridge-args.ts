/**
 * Argument checking for bridge handlers: a zod schema per argument, and a message a spell author can
 * act on, naming the method, the argument (and field) and what was received:
 * `storage.write: content must be a string, got number`.
 */
import type { z } from 'zod';
import { BridgeError } from './types';

/** The type name of a value as a spell author thinks of it (`nothing` for nil/undefined/null). */
export function typeName(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a table' : typeof value;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** `name`, `name.field` or `name[2]` for an issue path. */
function label(name: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), name);
}

/**
 * Parses `args[index]` with `schema`; throws `BridgeError('<method>: <name> must be <expected>, got
 * <received>')`. Schemas give the expected part as their error text (`z.string({ error: 'a string' })`).
 */
export function argument<T extends z.ZodType>(method: string, args: unknown[], index: number, name: string, schema: T): z.output<T> {
  const value = args[index] ?? undefined; // Lua nil may arrive as null
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new BridgeError(`${method}: ${name} is invalid`, 'bad_argument');
  const where = label(name, issue.path);
  if (issue.code === 'unrecognized_keys') {
    throw new BridgeError(`${method}: ${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`, 'bad_argument');
  }
  const received = valueAt(value, issue.path);
  // a wrong type is described by its type; a right type with a wrong value by the value itself
  const got = issue.code === 'invalid_type' || issue.code === 'invalid_union' || received === undefined || received === null ? typeName(received) : shown(received);
  throw new BridgeError(`${method}: ${where} must be ${issue.message}, got ${got}`, 'bad_argument');
}
