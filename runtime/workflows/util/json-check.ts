/**
 * JSON Schema checks for node outputs (llm answers with a schema), through the shared validator that
 * caches compiled schemas by their text.
 */
import { SchemaValidator } from '../../tools/schema-validator';

// Holds compiled validators only, no run state: sharing it across runs is safe and saves compiles.
export const validator = new SchemaValidator();

/** Undefined when `value` matches `schema`, else the problems joined. Throws for an invalid schema. */
export function schemaProblem(schema: Record<string, unknown>, value: unknown): string | undefined {
  const check = validator.check(schema, value);
  return check.valid ? undefined : check.errors.join('; ');
}
