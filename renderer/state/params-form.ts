import { checkParameterValue, coerceParameter, PARAMETER_TYPES, type ParameterType, type SpellParameter } from '../../runtime/contract/spell-parameter';

/**
 * The parameters form, as pure functions: fields from the manifest's declarations, the text the
 * inputs hold, and validation with the same checks the CLI and the manifest validator use.
 */

/** What the inputs hold: text for most types, a checkbox for booleans. */
export type FormValues = Record<string, string | boolean>;

/** The outcome of validating the form: typed params to run with, or a message per field. */
export type FormResult = { ok: true; params: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

const isType = (t: unknown): t is ParameterType => PARAMETER_TYPES.includes(t as ParameterType);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Declarations from a spell summary (records of unknown shape) as well-formed parameters. */
export function fieldsFrom(raw: readonly Record<string, unknown>[]): SpellParameter[] {
  return raw
    .filter((p) => typeof p.name === 'string' && p.name !== '')
    .map((p) => ({
      name: p.name as string,
      type: isType(p.type) ? p.type : 'string',
      description: typeof p.description === 'string' ? p.description : '',
      required: p.required === true,
      ...('default' in p && p.default !== undefined ? { default: p.default } : {}),
      ...(Array.isArray(p.enum) ? { enum: p.enum as unknown[] } : {}),
      ...(typeof p.pattern === 'string' ? { pattern: p.pattern } : {}),
      ...(num(p.min) !== undefined ? { min: num(p.min) } : {}),
      ...(num(p.max) !== undefined ? { max: num(p.max) } : {}),
    }));
}

/** The text an input shows for a typed value. */
export function toInputValue(field: SpellParameter, value: unknown): string | boolean {
  if (field.type === 'boolean') return value === true;
  if (value === undefined || value === null) return '';
  if (field.type === 'array' || field.type === 'object') return JSON.stringify(value);
  return String(value);
}

/** Starting values: `given` (a re-run, or what the user typed last time), else each default. */
export function initialValues(fields: readonly SpellParameter[], given: Record<string, unknown> = {}): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, toInputValue(f, f.name in given ? given[f.name] : f.default)]));
}

/**
 * Validates every field. An empty optional field is left out (the host applies its default); an
 * empty required one without a default is an error; others are coerced and checked.
 */
export function validateForm(fields: readonly SpellParameter[], values: FormValues): FormResult {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name] ?? toInputValue(field, field.default);
    if (typeof raw === 'boolean') {
      const error = checkParameterValue(field, raw);
      if (error) errors[field.name] = error;
      else params[field.name] = raw;
      continue;
    }
    const empty = field.type === 'string' ? raw === '' : raw.trim() === '';
    if (empty) {
      if (field.required && field.default === undefined) errors[field.name] = 'required';
      continue;
    }
    const coerced = coerceParameter(field, raw);
    if ('error' in coerced) errors[field.name] = coerced.error;
    else params[field.name] = coerced.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, params };
}
