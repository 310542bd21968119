/**
 * JSON Schema validation with ajv (draft 2019-09, and draft-07 when a schema says so), with formats.
 * Compiled validators are cached by the schema's JSON text (bounded, least recently used first out).
 * Synchronous and unbounded in time (schemas come from spells): the host reaches it only through
 * schema-checks.ts, which runs it in a worker thread with a deadline.
 * Errors read `/age: must be >= 0`, `/name: is required`.
 */
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
// Imported (not require()d at run time) so the bundle carries it: an installed package has no ajv.
import draft07Json from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { linearRegExp } from './linear-regexp';

const draft07 = draft07Json as AnySchemaObject;

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
  private instance: Ajv2019 | undefined;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly maxCached = 200) {}

  /**
   * Built on first use: setting ajv up compiles its meta-schemas (hundreds of ms on a busy machine),
   * and modules create their validator at load, on every `llmspell run`, schema or not.
   */
  private get ajv(): Ajv2019 {
    if (!this.instance) {
      // strict off: hand-written schemas carry extra keywords; logger off: no console noise in the host;
      // patterns on RE2 (linear time): see linear-regexp.ts
      this.instance = new Ajv2019({ strict: false, allErrors: true, logger: false, code: { regExp: linearRegExp } });
      this.instance.addMetaSchema(draft07);
      addFormats(this.instance);
    }
    return this.instance;
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
