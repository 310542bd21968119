/**
 * Template and expression syntax checks for node configs, driven by the `kind` the shared node
 * descriptions mark on their fields (runtime/contract/workflow-nodes/fields.ts): every string a
 * description marks as a template must compile, every expression must parse.
 */
import { z } from 'zod';
import type { ConfigProblem } from '../node-types';
import { parseExpression } from '../expression/parse';
import { compileTemplate } from '../expression/template';

type JsonSchema = { kind?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; additionalProperties?: JsonSchema | boolean; anyOf?: JsonSchema[] };

const schemas = new WeakMap<z.ZodType, JsonSchema>();

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let found = schemas.get(schema);
  if (!found) schemas.set(schema, (found = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema));
  return found;
}

function walk(schema: JsonSchema | undefined, value: unknown, path: (string | number)[], out: ConfigProblem[]): void {
  if (!schema || value === undefined || value === null) return;
  if (typeof value === 'string') {
    if (schema.kind === 'template') tryCheck(() => compileTemplate(value), path, '', out);
    else if (schema.kind === 'expression') tryCheck(() => parseExpression(value), path, 'bad expression: ', out);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(schema.items, item, [...path, i], out));
    return;
  }
  if (typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    walk(schema.properties?.[key] ?? extra, item, [...path, key], out);
  }
}

function tryCheck(check: () => unknown, path: (string | number)[], prefix: string, out: ConfigProblem[]): void {
  try {
    check();
  } catch (error) {
    out.push({ path, message: `${prefix}${(error as Error).message}` });
  }
}

/** Syntax problems of the templates and expressions in `config` (already parsed by `schema`). */
export function syntaxProblems(schema: z.ZodType, config: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  walk(jsonSchemaOf(schema), config, [], out);
  return out;
}
