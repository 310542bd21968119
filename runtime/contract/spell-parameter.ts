import { RE2JS } from 're2js';
import { z } from 'zod';

/**
 * A spell's declared parameters: the schema of one declaration, and the pure checks and string
 * coercion that the CLI, the Studio's parameter form and the manifest validator all share.
 */

/** The types a spell parameter may declare. */
export const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** One declared parameter, normalised (a manifest may write them as a list or as a map by name). */
export interface SpellParameter {
  /** The key under `params` in the spell. */
  name: string;
  type: ParameterType;
  description: string;
  /** A run without it (and without a default) is refused. */
  required: boolean;
  /** Used when the run does not give the parameter. */
  default?: unknown;
  /** The only values allowed. */
  enum?: unknown[];
  /** A regular expression a string must match somewhere (JSON Schema semantics: anchor it yourself). */
  pattern?: string;
  /** Lower bound: the value of a number, the length of a string, the item count of an array. */
  min?: number;
  /** Upper bound, in the same sense as `min`. */
  max?: number;
}

/** The rules a value is checked against: a declaration without its name and documentation. */
export type ParameterRules = Pick<SpellParameter, 'type' | 'enum' | 'pattern' | 'min' | 'max'>;

const EXPECTED: Record<ParameterType, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Renders the "got" half of a message: strings quoted (and cut when long), lists and mappings by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

/** True when `value` has the JSON shape `type` names (integers must be safe integers). */
export function hasParameterType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * Checks a typed value against a declaration; returns `expected X, got Y`, or undefined when it
 * passes. `min`/`max` bound a number's value, a string's length and an array's item count.
 */
export function checkParameterValue(rules: ParameterRules, value: unknown): string | undefined {
  const got = describeValue(value);
  if (!hasParameterType(rules.type, value)) return `expected ${EXPECTED[rules.type]}, got ${got}`;
  if (rules.enum && !rules.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    return `expected one of ${rules.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|')}, got ${got}`;
  }
  if (rules.pattern !== undefined && typeof value === 'string' && !patternMatches(rules.pattern, value)) {
    return `expected a string matching /${rules.pattern}/, got ${got}`;
  }
  const measure = typeof value === 'number' ? value : typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  if (measure === undefined) return undefined;
  const unit = typeof value === 'string' ? ' characters' : Array.isArray(value) ? ' items' : '';
  const what = typeof value === 'number' ? `${EXPECTED[rules.type]}` : `${EXPECTED[rules.type]} of`;
  const measured = typeof value === 'number' ? got : `${measure}${unit}`;
  if (rules.min !== undefined && measure < rules.min) return `expected ${what} at least ${rules.min}${unit}, got ${measured}`;
  if (rules.max !== undefined && measure > rules.max) return `expected ${what} at most ${rules.max}${unit}, got ${measured}`;
  return undefined;
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];
const JSON_HINT: Partial<Record<ParameterType, string>> = { array: ' (a,b,c or JSON like ["a","b"])', object: ' (JSON like {"k":1})' };

/**
 * A list written on the command line as `a,b,c` (go-llmspell's way): items trimmed, numbers and
 * true/false typed, everything else a string; an empty text is an empty list.
 */
function commaList(text: string): unknown[] {
  if (text === '') return [];
  return text.split(',').map((part) => {
    const item = part.trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(item)) return Number(item);
    if (item === 'true' || item === 'false') return item === 'true';
    return item;
  });
}

/**
 * Turns a command-line string into the declared type (integer, number, boolean by word, array as
 * JSON or `a,b,c`, object as JSON), then checks it. Returns the value, or the problem as `expected X, got "raw"`.
 */
export function coerceParameter(rules: ParameterRules, raw: string): { value: unknown } | { error: string } {
  const fail = { error: `expected ${EXPECTED[rules.type]}${JSON_HINT[rules.type] ?? ''}, got ${describeValue(raw)}` };
  let value: unknown = raw;
  const text = raw.trim();
  if (rules.type === 'integer') {
    if (!/^[-+]?\d+$/.test(text)) return fail;
    value = Number(text);
  } else if (rules.type === 'number') {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return fail;
    value = Number(text);
  } else if (rules.type === 'boolean') {
    const word = text.toLowerCase();
    if (TRUE_WORDS.includes(word)) value = true;
    else if (FALSE_WORDS.includes(word)) value = false;
    else return fail;
  } else if (rules.type === 'array' && !text.startsWith('[')) {
    value = commaList(text);
  } else if (rules.type === 'array' || rules.type === 'object') {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return fail;
    }
    if (!hasParameterType(rules.type, value)) return fail;
  }
  const error = checkParameterValue(rules, value);
  return error ? { error } : { value };
}

// A manifest's pattern meets values the host does not choose (a workflow passes one spell's output
// to another spell's parameters), so it runs on RE2: linear time, no catastrophic backtracking.
const compiled = new Map<string, RE2JS>();
function compilePattern(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    new RegExp(pattern, 'u'); // JavaScript's syntax is the documented one: reject what it rejects
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
    if (compiled.size >= 64) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re;
}

function patternMatches(pattern: string, value: string): boolean {
  return compilePattern(pattern).test(value);
}

/** A valid regular expression source: JavaScript syntax RE2 can run (no lookaround, no backreferences). */
export function isValidPattern(pattern: string): boolean {
  try {
    compilePattern(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The name a parameter may have: it becomes a key of `params` and a `key=value` on the command line. */
export const ParameterName = z
  .string({ error: 'a parameter name' })
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: 'a parameter name of letters, digits, "_" or "-"' });
