import { z } from 'zod';
import {
  checkParameterValue,
  isValidPattern,
  ParameterName,
  PARAMETER_TYPES,
  type ParameterRules,
  type SpellParameter,
} from './spell-parameter';

/**
 * How a manifest declares parameters: go-llmspell wrote them both as a list of `{name, type, ...}`
 * and as a map from name to `{type, ...}`; both are accepted and normalised to a list.
 * Messages are the *expected* half of "expected X, got Y"; issues with `params.sentence` are whole.
 */

const fields = {
  type: z.enum(PARAMETER_TYPES, { error: `one of ${PARAMETER_TYPES.join('|')}` }).optional(),
  description: z.string({ error: 'a string' }).optional(),
  required: z.boolean({ error: 'true or false' }).optional(),
  default: z.unknown().optional(),
  enum: z.array(z.unknown(), { error: 'a list of allowed values' }).min(1, { error: 'a non-empty list of allowed values' }).optional(),
  pattern: z.string({ error: 'a regular expression' }).refine(isValidPattern, { error: 'a valid regular expression (no lookaround or backreferences: patterns run in linear time)' }).optional(),
  min: z.number({ error: 'a number' }).optional(),
  max: z.number({ error: 'a number' }).optional(),
};

type Declaration = { [K in keyof typeof fields]?: z.infer<(typeof fields)[K]> };

/** Cross-field checks of one declaration; each problem points at the field to change. */
function checkDeclaration(p: Declaration, ctx: z.RefinementCtx): void {
  const type = p.type ?? 'string';
  const problem = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message, params: { sentence: true } });
  if (p.pattern !== undefined && type !== 'string') problem(['pattern'], `a pattern applies to string parameters only, not ${type}`);
  for (const bound of ['min', 'max'] as const) {
    if (p[bound] !== undefined && (type === 'boolean' || type === 'object')) problem([bound], `${bound} does not apply to ${type} parameters`);
  }
  if (p.min !== undefined && p.max !== undefined && p.min > p.max) problem(['max'], `expected max ≥ min (${p.min}), got ${p.max}`);
  p.enum?.forEach((value, i) => {
    const error = checkParameterValue({ type }, value);
    if (error) problem(['enum', i], error);
  });
  if (p.default !== undefined) {
    // A pattern that does not compile has its own problem on `pattern`; the default is not judged by it.
    const pattern = p.pattern !== undefined && isValidPattern(p.pattern) ? p.pattern : undefined;
    const rules: ParameterRules = { type, enum: p.enum, pattern, min: p.min, max: p.max };
    const error = checkParameterValue(rules, p.default);
    if (error) problem(['default'], error);
  }
}

const MAPPING = 'a mapping of parameter settings (type, description, default, ...)';
const ListItem = z.strictObject({ name: ParameterName, ...fields }, { error: `${MAPPING} with a name` }).superRefine(checkDeclaration);
const MapItem = z.strictObject(fields, { error: MAPPING }).superRefine(checkDeclaration);

/** A list of declarations; names must be unique. */
const ParameterList = z.array(ListItem, { error: 'a list or a mapping of parameters' }).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) {
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate parameter name "${item.name}"`, params: { sentence: true } });
    }
    seen.add(item.name);
  });
});

const ParameterMap = z.record(ParameterName, MapItem, { error: 'a list or a mapping of parameters' });

/** `parameters` as written in a manifest: a list or a map by name (null means none). */
export const ParametersInput = z.union([ParameterList, ParameterMap, z.null()], { error: 'a list or a mapping of parameters' });
export type ParametersInput = z.infer<typeof ParametersInput>;

/** Normalises either shape to a list of {@link SpellParameter} in the order written. */
export function normaliseParameters(input: ParametersInput | undefined): SpellParameter[] {
  if (!input) return [];
  const entries: [string, Declaration][] = Array.isArray(input) ? input.map((p) => [p.name, p]) : Object.entries(input);
  return entries.map(([name, p]) => {
    const param: SpellParameter = { name, type: p.type ?? 'string', description: p.description ?? '', required: p.required ?? false };
    if (p.default !== undefined) param.default = p.default;
    if (p.enum !== undefined) param.enum = p.enum;
    if (p.pattern !== undefined) param.pattern = p.pattern;
    if (p.min !== undefined) param.min = p.min;
    if (p.max !== undefined) param.max = p.max;
    return param;
  });
}
