/**
 * Config field schemas of node types, with what the studio's inspector needs to draw a form for them
 * (`kind`, help text) as zod metadata. Messages are the expected half of "expected X, got Y", as the
 * problem list shows them. Template and expression syntax is checked by runtime/workflows (it owns
 * the parser), driven by the `kind` marked here.
 */
import { z } from 'zod';
import { VALUE_TYPES, type ValueType } from '../workflow';

/** What the inspector draws for a field beyond its JSON type. */
export type FieldKind = 'template' | 'expression' | 'code' | 'body' | 'branches' | 'value' | 'json-schema';

/** A string. */
export const text = (what = 'a string') => z.string({ error: what });

/** A `{{ }}` template string. */
export const template = (what = 'a text with {{name}} placeholders') => z.string({ error: what }).meta({ kind: 'template' });

/** An expression (conditions, loop tests), like `score > 0.5`. */
export const expression = () => z.string({ error: 'an expression like score > 0.5' }).meta({ kind: 'expression' });

/** Source code (script nodes). */
export const code = (what: string) => z.string({ error: what }).min(1, { error: what }).meta({ kind: 'code' });

/** A number within bounds. */
export const number = (min = -Infinity, max = Infinity) =>
  z.number({ error: 'a number' }).min(min, { error: `a number ≥ ${min}` }).max(max, { error: `a number ≤ ${max}` });

/** A whole number within bounds. */
export const integer = (min: number, max: number) =>
  z.number({ error: 'a whole number' }).int({ error: 'a whole number' }).min(min, { error: `a whole number ≥ ${min}` }).max(max, { error: `a whole number ≤ ${max}` });

/** True or false. */
export const bool = () => z.boolean({ error: 'true or false' });

/** A value type name. */
export const valueType = () => z.enum(VALUE_TYPES, { error: `one of ${VALUE_TYPES.join('|')}` });

/** One of a few words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, what = `one of ${values.join('|')}`) => z.enum(values, { error: what });

/** A JSON schema object. */
export const jsonSchema = () => z.record(z.string(), z.unknown(), { error: 'a JSON schema mapping' }).meta({ kind: 'json-schema' });

/** A mapping of values (parameters, inputs); strings in it may hold templates. */
export const mapping = (what: string) => z.record(z.string(), z.unknown(), { error: what }).meta({ kind: 'value' });

/** Any value (a transform's structured value); strings in it may hold templates. */
export const anyValue = () => z.unknown().meta({ kind: 'value' });

const inlineBody = () => z.looseObject({ nodes: z.array(z.unknown(), { error: 'a list of nodes' }) });

/** A body: an inline graph `{nodes, edges, outputs}` (checked by the graph compiler) or a workflow file path. */
export const body = () =>
  z.union([z.string({ error: 'a workflow file path' }).min(1), inlineBody()], { error: 'a body {nodes, edges} or the path of a workflow file' }).meta({ kind: 'body' });

/** Port names: letters, digits, `_` and `-`. */
export const portName = (what = 'a port name') => z.string({ error: what }).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: `${what} of letters, digits, "_" or "-"` });

/** Named bodies run side by side (parallel branches). */
export const branches = () =>
  z.record(portName('a branch name'), body(), { error: 'a mapping of branch names to bodies' }).meta({ kind: 'branches' });

/** The value type a JSON schema describes, for port type checks. */
export function schemaType(schema: Record<string, unknown> | undefined, fallback: ValueType): ValueType {
  const type = schema?.type;
  return typeof type === 'string' && (VALUE_TYPES as readonly string[]).includes(type) ? (type as ValueType) : fallback;
}

/** Help text for a field, shown by the inspector and in hover help. */
export function help<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ ...(schema.meta() ?? {}), description }) as T;
}
