import type { ConfigProblem } from './errors';

/** One value set by one source at one key path, e.g. `limits.timeout = 5` from `flag --timeout`. */
export interface Entry {
  path: string[];
  value: unknown;
  /** Human label of the source, as shown in `origins` (`./llmspell.yaml`, `env LLMSPELL_TIMEOUT`). */
  origin: string;
}

/** Everything one source contributes: its values, the problems found reading it, where its keys are. */
export interface Layer {
  /** Label for problems not tied to one entry (a syntax error in a file). */
  label: string;
  entries: Entry[];
  /** Problems found while reading the source (unreadable file, YAML syntax, bad env values). */
  problems: ConfigProblem[];
  /** 1-based line of a key path, for sources that are files. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['limits', 'timeout']` → `limits.timeout`. */
export function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Splits an object into leaf entries. Arrays are leaves (a later source replaces a list, it does not
 * append to it); empty objects are kept as `{}` leaves so `providers: { mine: {} }` still exists;
 * `null` means "not set" (YAML `limits:` with every child commented out) and is dropped.
 */
export function flatten(value: Record<string, unknown>, origin: string, prefix: string[] = []): Entry[] {
  const entries: Entry[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, key];
    if (child === null || child === undefined) continue;
    if (isPlainObject(child) && Object.keys(child).length > 0) entries.push(...flatten(child, origin, path));
    else entries.push({ path, value: child, origin });
  }
  return entries;
}

/** Sets `value` at `path`, creating (or replacing non-object) parents; `{}` never erases an object. */
export function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = isPlainObject(next) ? next : (node[key] = {});
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (isPlainObject(value) && Object.keys(value).length === 0 && isPlainObject(node[last])) return;
  // Copies, so a caller changing its config can never change DEFAULTS or another load's result.
  node[last] = isPlainObject(value) ? { ...value } : Array.isArray(value) ? [...(value as unknown[])] : value;
}

/** Reads the value at `path`, or undefined. */
export function getIn(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * The value at a dotted key whose names may hold dots themselves (`prices.gpt-4.1.input`): the first
 * split of the key into names that leads to a defined value.
 */
export function getDotted(value: unknown, key: string): unknown {
  const walk = (node: unknown, parts: readonly string[]): unknown => {
    if (parts.length === 0) return node;
    if (typeof node !== 'object' || node === null) return undefined;
    for (let n = 1; n <= parts.length; n++) {
      const name = parts.slice(0, n).join('.');
      if (!Object.hasOwn(node, name)) continue;
      const found = walk((node as Record<string, unknown>)[name], parts.slice(n));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(value, key.split('.'));
}

/** Rebuilds an object from entries; later entries win. */
export function buildObject(entries: readonly Entry[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entries) setIn(out, entry.path, entry.value);
  return out;
}

/** Env and flag values arrive as strings: numeric text becomes a number, anything else stays as given. */
export function coerceNumber(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return raw;
  const n = Number(raw.trim());
  return Number.isFinite(n) ? n : raw;
}
