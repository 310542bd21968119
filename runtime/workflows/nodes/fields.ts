/**
 * Config field schemas shared by node types. Messages are the expected half of "expected X, got Y",
 * as the problem list shows them.
 */
import { z } from 'zod';
import { VALUE_TYPES, type ValueType } from '../../contract/workflow';
import { compileTemplate } from '../expression/template';
import { parseExpression } from '../expression/parse';

/** A string. */
export const text = (what = 'a string') => z.string({ error: what });

/** A `{{ }}` template string; its expressions must parse. */
export const template = (what = 'a text with {{name}} placeholders') =>
  z.string({ error: what }).superRefine((value, ctx) => {
    try {
      compileTemplate(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, params: { sentence: true } });
    }
  });

/** An expression (conditions, loop tests); it must parse. */
export const expression = () =>
  z.string({ error: 'an expression like score > 0.5' }).superRefine((value, ctx) => {
    try {
      parseExpression(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `bad expression: ${(error as Error).message}`, params: { sentence: true } });
    }
  });

/** A number within bounds. */
export const number = (min = -Infinity, max = Infinity) =>
  z.number({ error: 'a number' }).min(min, { error: `a number ≥ ${min}` }).max(max, { error: `a number ≤ ${max}` });

/** A whole number within bounds. */
export const integer = (min: number, max: number) => z.number({ error: 'a whole number' }).int({ error: 'a whole number' }).min(min, { error: `a whole number ≥ ${min}` }).max(max, { error: `a whole number ≤ ${max}` });

/** True or false. */
export const bool = () => z.boolean({ error: 'true or false' });

/** A value type name. */
export const valueType = () => z.enum(VALUE_TYPES, { error: `one of ${VALUE_TYPES.join('|')}` });

/** A JSON schema object. */
export const jsonSchema = () => z.record(z.string(), z.unknown(), { error: 'a JSON schema mapping' });

/** A body: an inline graph `{nodes, edges, outputs}` (checked by the graph compiler) or a workflow file path. */
export const body = () =>
  z.union([z.string({ error: 'a workflow file path' }).min(1), z.looseObject({ nodes: z.array(z.unknown(), { error: 'a list of nodes' }) })], {
    error: 'a body {nodes, edges} or the path of a workflow file',
  });

/** Port names: letters, digits, `_` and `-`. */
export const portName = (what = 'a port name') => z.string({ error: what }).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, { error: `${what} of letters, digits, "_" or "-"` });

/** The value type a JSON schema describes, for port type checks. */
export function schemaType(schema: Record<string, unknown> | undefined, fallback: ValueType): ValueType {
  const type = schema?.type;
  return typeof type === 'string' && (VALUE_TYPES as readonly string[]).includes(type) ? (type as ValueType) : fallback;
}
