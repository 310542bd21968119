/**
 * Structured answers: the instruction that asks a model for JSON matching a schema, parsing the answer
 * (code fences tolerated), and validation with ajv whose error names the failing field.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { linearRegExp } from '../tools/linear-regexp';

/** The system instruction asking for a JSON object that matches `schema`. */
export function jsonInstruction(schema: Record<string, unknown>): string {
  return `Respond with a single JSON object only, no prose, that matches this JSON schema:\n${JSON.stringify(schema)}`;
}

/** Parses a model's JSON answer; throws an Error saying what was wrong. */
export function parseJsonAnswer(text: string): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  const body = (fenced ? fenced[1] : text)?.trim() ?? '';
  try {
    return JSON.parse(body);
  } catch (err) {
    const preview = body.length > 80 ? `${body.slice(0, 80)}...` : body;
    throw new Error(`the model's answer is not valid JSON (${(err as Error).message}): ${preview}`);
  }
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty?: string }).additionalProperty : undefined;
  if (missing ?? extra) path.push(String(missing ?? extra));
  return path.length > 0 ? path.join('.') : '(root)';
}

/** Checks a value: undefined when it matches, else a message such as `field 'age' must be integer`. */
export type JsonChecker = (value: unknown) => string | undefined;

/** Compiles a JSON schema into a checker. Throws an Error when the schema itself is invalid. */
export function compileSchema(schema: Record<string, unknown>): JsonChecker {
  // strict off: spells write schemas by hand (unknown formats, extra keywords); logger off: no console
  // noise; patterns on RE2. The host calls this only inside the schema worker (tools/schema-checks.ts).
  const ajv = new Ajv({ strict: false, allErrors: false, logger: false, code: { regExp: linearRegExp } });
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    throw new Error(`invalid JSON schema: ${(err as Error).message}`);
  }
  return (value) => {
    if (validate(value)) return undefined;
    const first = validate.errors?.[0];
    if (!first) return 'value does not match the schema';
    const field = fieldOf(first);
    if (first.keyword === 'required') return `field '${field}' is required`;
    if (first.keyword === 'additionalProperties') return `field '${field}' is not allowed`;
    return `field '${field}' ${first.message ?? 'is invalid'}`;
  };
}
