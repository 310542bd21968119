/**
 * JSON Schema validation with ajv (draft 2019-09, and draft-07 when a schema says so), with formats.
 * Compiled validators are cached by the schema's JSON text (bounded, least recently used first out).
 * Synchronous and unbounded in time (schemas come from spells): the host reaches it only through
 * schema-checks.ts, which runs it in a worker thread with a deadline.
 * Errors read `/age: must be >= 0`, `/name: is required`.
 */
import { createRequire } from 'node:module';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { linearRegExp } from './linear-regexp';

// a JSON file is loaded through require: Node's ESM loader would need an import attribute
const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as AnySchemaObject;

/** The outcome of a check. */
export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

/** Thrown when the schema itself is not a valid JSON Schema. */
export class InvalidSchemaError extends Error {}

/** One ajv error as `<instance path>: <problem>`. */
export function formatSchemaError(e: ErrorObject): string {
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${at}/${String(params.missingProperty)}: is required`;
  if (e.keyword === 'additionalProperties') return `${at}/${String(params.additionalProperty)}: is not allowed`;
  if (e.keyword === 'enum') return `${at || '/'}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at || '/'}: ${e.message ?? 'is invalid'}`;
}

/** Compiles and caches validators. */
export class SchemaValidator {
  private readonly ajv: Ajv2019;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly maxCached = 200) {
    // strict off: hand-written schemas carry extra keywords; logger off: no console noise;
    // patterns on RE2 (linear time): see linear-regexp.ts
    this.ajv = new Ajv2019({ strict: false, allErrors: true, logger: false, code: { regExp: linearRegExp } });
    this.ajv.addMetaSchema(draft07);
    addFormats(this.ajv);
  }

  /** The validator for `schema`; throws `InvalidSchemaError` naming the problem. */
  compile(schema: unknown): ValidateFunction {
    if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) {
      throw new InvalidSchemaError('invalid schema: must be a JSON Schema object');
    }
    const key = JSON.stringify(schema);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key); // move to the young end
      this.cache.set(key, hit);
      return hit;
    }
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema as AnySchemaObject);
    } catch (err) {
      throw new InvalidSchemaError(`invalid schema: ${(err as Error).message}`);
    } finally {
      // ajv keeps every compiled schema (and its $id) otherwise: unbounded memory, $id clashes
      if (typeof schema === 'object') this.ajv.removeSchema(schema as AnySchemaObject);
    }
    this.cache.set(key, validate);
    if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value as string);
    return validate;
  }

  /** Checks `value` against `schema`; throws `InvalidSchemaError` for a bad schema. */
  check(schema: unknown, value: unknown): SchemaCheck {
    const validate = this.compile(schema);
    if (validate(value)) return { valid: true, errors: [] };
    return { valid: false, errors: [...new Set((validate.errors ?? []).map(formatSchemaError))] };
  }
}
