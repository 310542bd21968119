/**
 * The inspector's form, derived from a node type's config schema (the same zod schema the validator
 * parses with): one field per property, with its kind of control, whether it is required, its
 * choices, bounds and help text.
 */
import { z } from 'zod';
import { nodeDescription } from '../../../runtime/contract/workflow-nodes';

/** JSON schema as zod writes it, the parts the form reads. */
interface JsonSchema {
  type?: string | string[];
  kind?: string;
  description?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

/** What control a field gets. */
export type FieldControl = 'text' | 'template' | 'expression' | 'code' | 'number' | 'integer' | 'boolean' | 'choice' | 'list' | 'yaml' | 'body' | 'branches';

/** One field of the form. */
export interface FormField {
  name: string;
  control: FieldControl;
  required: boolean;
  help?: string;
  choices?: string[];
  min?: number;
  max?: number;
}

const cache = new Map<string, FormField[]>();

function controlOf(s: JsonSchema): Pick<FormField, 'control' | 'choices' | 'min' | 'max'> {
  if (s.kind === 'template' || s.kind === 'expression' || s.kind === 'code' || s.kind === 'body' || s.kind === 'branches') return { control: s.kind };
  if (s.kind === 'value' || s.kind === 'json-schema') return { control: 'yaml' };
  if (s.enum) return { control: 'choice', choices: s.enum.map(String) };
  const bounds = { ...(s.minimum !== undefined && Number.isFinite(s.minimum) ? { min: s.minimum } : {}), ...(s.maximum !== undefined && Number.isFinite(s.maximum) ? { max: s.maximum } : {}) };
  if (s.type === 'integer') return { control: 'integer', ...bounds };
  if (s.type === 'number') return { control: 'number', ...bounds };
  if (s.type === 'boolean') return { control: 'boolean' };
  if (s.type === 'string') return { control: 'text' };
  if (s.type === 'array' && s.items?.type === 'string' && !s.items.kind) return { control: 'list' };
  return { control: 'yaml' };
}

/** The form of node type `type`; empty for an unknown type. */
export function formFields(type: string): FormField[] {
  const found = cache.get(type);
  if (found) return found;
  const description = nodeDescription(type);
  if (!description) return [];
  const schema = z.toJSONSchema(description.config, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([name, s]): FormField => ({ name, required: required.has(name), ...(s.description ? { help: s.description } : {}), ...controlOf(s) }));
  cache.set(type, fields);
  return fields;
}
