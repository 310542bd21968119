import { z } from 'zod';

/**
 * Field schemas of `spell.yaml` that need more than a type: names, versions, ranges, entry paths,
 * durations and sizes. Messages are the *expected* half of "expected X, got Y".
 */

/** The languages a spell can be written in. */
export const SPELL_ENGINES = ['lua', 'javascript', 'tengo'] as const;
export type SpellEngine = (typeof SPELL_ENGINES)[number];

/** The entry file's extension for each engine, and the default entry file. */
export const ENGINE_EXTENSION: Record<SpellEngine, string> = { lua: '.lua', javascript: '.js', tengo: '.tengo' };

/** The engine an entry file name implies, if its extension names one. */
export function engineOfEntry(entry: string): SpellEngine | undefined {
  if (entry.endsWith('.lua')) return 'lua';
  if (entry.endsWith('.js') || entry.endsWith('.mjs')) return 'javascript';
  if (entry.endsWith('.tengo')) return 'tengo';
  return undefined;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const PARTIAL = String.raw`v?(?:\d+|[xX*])(?:\.(?:\d+|[xX*])){0,2}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const COMPARATOR = new RegExp(String.raw`^(?:[<>]=?|=|~|\^)?${PARTIAL}$`);
const HYPHEN = new RegExp(String.raw`^${PARTIAL}\s+-\s+${PARTIAL}$`);

/** A kebab-case spell name (`web-summarizer`): it is a folder name and a CLI argument. */
export const SpellName = z.string({ error: 'a kebab-case name like "my-spell"' }).max(100, { error: 'a name of at most 100 characters' }).regex(KEBAB, { error: 'a kebab-case name like "my-spell"' });

/** True for a semantic version like `1.2.3` or `1.0.0-beta.1`. */
export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

/** True for an npm-style semver range: `^1.2`, `>=1.0.0 <2`, `1.x || 2.x`, `1.0 - 2.0`, `*`. */
export function isSemverRange(text: string): boolean {
  return text
    .split('||')
    .map((part) => part.trim())
    .every((part) => part === '' || part === '*' || HYPHEN.test(part) || part.replace(/([<>=~^]+)\s+/g, '$1').split(/\s+/).every((c) => COMPARATOR.test(c)));
}

/** A semantic version. */
export const SpellVersion = z.string({ error: 'a semantic version like "1.0.0"' }).refine(isSemver, { error: 'a semantic version like "1.0.0"' });

/** A semver range. */
export const VersionRange = z.string({ error: 'a version range like "^1.0.0"' }).refine(isSemverRange, { error: 'a version range like "^1.0.0"' });

/** A relative path inside the spell folder, with forward slashes and no `..`. */
export const EntryPath = z
  .string({ error: 'a file path inside the spell folder, like "main.lua"' })
  .regex(/^(?![/~])(?!.*(?:^|\/)\.\.(?:\/|$))[^\\:\0]+$/, { error: 'a file path inside the spell folder, like "main.lua"' });

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const DURATION_TEXT = 'a positive duration like 60 or "60s" or "5m"';
const SIZE_TEXT = 'a positive size like 128 (MB) or "128MB" or "1GB"';

/** A duration: a number of seconds, or a string like `60s`, `500ms`, `5m`, `1h`. Normalised to seconds. */
export const Duration = z
  .union([z.number({ error: DURATION_TEXT }).positive({ error: DURATION_TEXT }), z.string({ error: DURATION_TEXT }).regex(DURATION, { error: DURATION_TEXT })], { error: DURATION_TEXT })
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount = '0', unit = 's'] = DURATION.exec(value) ?? [];
    return Number(amount) * { ms: 0.001, s: 1, m: 60, h: 3600 }[unit as 'ms' | 's' | 'm' | 'h'];
  })
  .refine((seconds) => seconds > 0, { error: DURATION_TEXT });

/** A memory size: a number of megabytes, or a string like `128MB`, `1GB`. Normalised to megabytes. */
export const MemorySize = z
  .union([z.number({ error: SIZE_TEXT }).positive({ error: SIZE_TEXT }), z.string({ error: SIZE_TEXT }).regex(SIZE, { error: SIZE_TEXT })], { error: SIZE_TEXT })
  .transform((value) => {
    if (typeof value === 'number') return value;
    const [, amount = '0', unit = 'mb'] = SIZE.exec(value) ?? [];
    const scale = { b: 2 ** -20, k: 2 ** -10, m: 1, g: 1024 }[(unit[0] ?? 'm').toLowerCase() as 'b' | 'k' | 'm' | 'g'];
    return Number(amount) * scale;
  })
  .refine((mb) => mb > 0, { error: SIZE_TEXT });

/** Another spell this one needs, by name and version range. */
export interface SpellDependency {
  name: string;
  range: string;
}

/** `dependencies` as written: a map from name to range, or a list of `{name, version}`. */
export const DependenciesInput = z.union(
  [
    z.record(SpellName, VersionRange),
    z.array(z.strictObject({ name: SpellName, version: VersionRange.optional(), range: VersionRange.optional() }, { error: 'a mapping with name and version' })),
    z.null(),
  ],
  { error: 'a mapping from spell name to version range, or a list of {name, version}' },
);

/** Normalises either shape of `dependencies`. */
export function normaliseDependencies(input: z.infer<typeof DependenciesInput> | undefined): SpellDependency[] {
  if (!input) return [];
  if (Array.isArray(input)) return input.map((d) => ({ name: d.name, range: d.range ?? d.version ?? '*' }));
  return Object.entries(input).map(([name, range]) => ({ name, range }));
}
