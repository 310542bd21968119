/**
 * JSON Schema checks for node outputs (llm answers with a schema), through the shared validator that
 * caches compiled schemas by their text.
 */
import { schemaChecks } from '../../tools/schema-checks';
import { SchemaValidator } from '../../tools/schema-validator';

/** The shared checker of node outputs and tool parameters: a worker with a deadline. */
export const validator = schemaChecks;

// Compiling only (no value is matched, no pattern runs): cheap enough for a file's static check.
const compiler = new SchemaValidator();

/** Throws the problem when `schema` is not a valid JSON Schema (a workflow file's static check). */
export function checkSchemaCompiles(schema: Record<string, unknown>): void {
  compiler.compile(schema);
}

/** Undefined when `value` matches `schema`, else the problems joined. Throws for an invalid schema. */
export async function schemaProblem(schema: Record<string, unknown>, value: unknown, signal?: AbortSignal): Promise<string | undefined> {
  const check = await schemaChecks.check(schema, value, { signal });
  return check.valid ? undefined : check.errors.join('; ');
}
