import { z } from 'zod';
import { ParametersInput, normaliseParameters } from './spell-parameter-schema';
import type { SpellParameter } from './spell-parameter';
import { applyLegacyCapabilities, CapabilityName, normalisePermissions, PermissionsInput, requiredAreas, RequiresInput, type SpellPermissions } from './spell-permissions';
import {
  DependenciesInput,
  Duration,
  ENGINE_EXTENSION,
  engineOfEntry,
  EntryPath,
  MemorySize,
  normaliseDependencies,
  SPELL_ENGINES,
  SpellName,
  SpellVersion,
  type SpellDependency,
  type SpellEngine,
} from './spell-manifest-fields';

/**
 * `spell.yaml`, the manifest of a spell folder. Validated with {@link SpellManifestSchema}, which
 * also accepts the shapes go-llmspell's manifests used (`entry_point`, parameters as a map,
 * top-level `timeout`/`memory_limit`, `env`, `capabilities`, `requirements`) and normalises them
 * to one {@link SpellManifest}. Messages are the *expected* half of "expected X, got Y"; issues
 * with `params.sentence` are whole sentences.
 */

/** A validated, normalised manifest. */
export interface SpellManifest {
  /** Kebab-case; the spell's folder name once installed. */
  name: string;
  /** Semantic version. */
  version: string;
  description: string;
  author?: string;
  license?: string;
  /** Written out, or inferred from the entry's extension (Lua when neither is given). */
  engine: SpellEngine;
  /** The source file that runs, relative to the spell folder (`main.lua` by default). */
  entry: string;
  tags: string[];
  parameters: SpellParameter[];
  permissions: SpellPermissions;
  /**
   * Whether the manifest has a `permissions` section. Without one (every go-llmspell manifest, most
   * hand-written ones) the spell runs under the user's configured policy, like a bare `.lua` file;
   * with one, `permissions` (widened by `capabilities` / `requires`) narrows that policy.
   */
  permissionsDeclared: boolean;
  /**
   * What the spell asks for: wall time in seconds, memory in megabytes, CPU time in seconds, and an opt-in budget of VM
   * instructions (it costs time on every instruction; time and memory limits do not).
   */
  limits: { timeout?: number; memory?: number; cpu?: number; instructions?: number; cost?: number };
  /** Other spells it needs. */
  dependencies: SpellDependency[];
  /** Free-form extra data, kept as written. */
  metadata?: Record<string, unknown>;
}

const text = (what = 'a string') => z.string({ error: what });

/** The manifest as written, before normalisation. */
export const SpellManifestInput = z.strictObject(
  {
    name: SpellName,
    version: SpellVersion,
    description: text().optional(),
    author: text().optional(),
    license: text().optional(),
    engine: z.enum(SPELL_ENGINES, { error: `one of ${SPELL_ENGINES.join('|')}` }).optional(),
    entry: EntryPath.optional(),
    /** go-llmspell's spelling of `entry`. */
    entry_point: EntryPath.optional(),
    tags: z.array(text('a tag').min(1, { error: 'a non-empty tag' }), { error: 'a list of tags' }).optional(),
    parameters: ParametersInput.optional(),
    permissions: PermissionsInput.optional(),
    limits: z
      .strictObject(
        {
          timeout: Duration.optional(),
          memory: MemorySize.optional(),
          cpu: Duration.optional(),
          instructions: z.int({ error: 'a whole number of instructions' }).positive({ error: 'a positive number of instructions' }).optional(),
          /** US dollars the run's LLM calls may cost; it only lowers the user's own `limits.cost`. */
          cost: z.number({ error: 'US dollars (a positive number)' }).positive({ error: 'US dollars (a positive number)' }).optional(),
        },
        { error: 'a mapping with timeout, memory, cpu, instructions and cost' },
      )
      .optional(),
    dependencies: DependenciesInput.optional(),
    metadata: z.record(z.string(), z.unknown(), { error: 'a mapping' }).optional(),
    // go-llmspell's fields, folded into the ones above.
    timeout: Duration.optional(),
    memory_limit: MemorySize.optional(),
    env: z.array(text('an environment variable name'), { error: 'a list of environment variable names' }).optional(),
    capabilities: z.array(CapabilityName, { error: 'a list of capabilities like "llm.chat"' }).optional(),
    requirements: z.record(z.string(), z.boolean({ error: 'true or false' }), { error: 'a mapping of true/false switches' }).optional(),
    /**
     * go-llmspell's `requires`: capability areas (`[llm, http]`) or a mapping of them to true/false or
     * a version. Known areas widen a declared `permissions` section like `capabilities`; the rest are
     * noted by `llmspell validate --verbose`.
     */
    requires: RequiresInput.optional(),
    /** Accepted and ignored: the host's policy, not the spell, sets the security level. */
    security_profile: text().optional(),
  },
  { error: 'a mapping of manifest fields (name, version, description, ...)' },
);
type Input = z.infer<typeof SpellManifestInput>;

/** Checks across fields; runs even when other fields failed, so every problem is reported at once. */
function checkAcross(raw: unknown, ctx: z.RefinementCtx): void {
  if (typeof raw !== 'object' || raw === null) return;
  const m = raw as Record<string, unknown>;
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: { sentence: true } });
  if (typeof m.entry === 'string' && typeof m.entry_point === 'string' && m.entry !== m.entry_point) {
    problem('entry_point', `entry_point ("${m.entry_point}") and entry ("${m.entry}") disagree; keep entry`);
  }
  const entry = typeof m.entry === 'string' ? m.entry : typeof m.entry_point === 'string' ? m.entry_point : undefined;
  const engine = typeof m.engine === 'string' && (SPELL_ENGINES as readonly string[]).includes(m.engine) ? (m.engine as SpellEngine) : undefined;
  const implied = entry === undefined ? undefined : engineOfEntry(entry);
  const entryKey = typeof m.entry === 'string' ? 'entry' : 'entry_point';
  if (entry !== undefined && engine && implied && implied !== engine) {
    problem(entryKey, `expected a ${ENGINE_EXTENSION[engine]} file for engine ${engine}, got "${entry}"`);
  }
  if (entry !== undefined && !engine && !implied) problem(entryKey, `cannot tell the engine from "${entry}": add engine: lua|javascript|tengo`);
  const limits = typeof m.limits === 'object' && m.limits !== null ? (m.limits as Record<string, unknown>) : {};
  if (m.timeout !== undefined && limits.timeout !== undefined) problem('timeout', 'timeout is also set under limits; keep limits.timeout');
  if (m.memory_limit !== undefined && limits.memory !== undefined) problem('memory_limit', 'memory_limit is also set under limits; keep limits.memory');
}

function normalise(m: Input): SpellManifest {
  const written = m.entry ?? m.entry_point;
  const engine = m.engine ?? (written ? engineOfEntry(written) : undefined) ?? 'lua';
  const permissions = normalisePermissions(m.permissions);
  applyLegacyCapabilities(permissions, [...(m.capabilities ?? []), ...requiredAreas(m.requires)], m.requirements ?? {});
  for (const name of m.env ?? []) if (!permissions.secrets.includes(name)) permissions.secrets.push(name);
  const limits: SpellManifest['limits'] = {};
  const timeout = m.limits?.timeout ?? m.timeout;
  const memory = m.limits?.memory ?? m.memory_limit;
  if (timeout !== undefined) limits.timeout = timeout;
  if (memory !== undefined) limits.memory = memory;
  if (m.limits?.cpu !== undefined) limits.cpu = m.limits.cpu;
  if (m.limits?.instructions !== undefined) limits.instructions = m.limits.instructions;
  if (m.limits?.cost !== undefined) limits.cost = m.limits.cost;
  const manifest: SpellManifest = {
    name: m.name,
    version: m.version,
    description: m.description ?? '',
    engine,
    entry: written ?? `main${ENGINE_EXTENSION[engine]}`,
    tags: [...new Set(m.tags ?? [])],
    parameters: normaliseParameters(m.parameters),
    permissions,
    permissionsDeclared: m.permissions !== undefined,
    limits,
    dependencies: normaliseDependencies(m.dependencies),
  };
  if (m.author !== undefined) manifest.author = m.author;
  if (m.license !== undefined) manifest.license = m.license;
  if (m.metadata !== undefined) manifest.metadata = m.metadata;
  return manifest;
}

/** Validates a parsed `spell.yaml` (any accepted shape) and normalises it to a {@link SpellManifest}. */
export const SpellManifestSchema = SpellManifestInput.superRefine(checkAcross, { when: () => true }).transform(normalise);

/** The file name of a spell's manifest inside its folder. */
export const MANIFEST_FILE = 'spell.yaml';

export { SPELL_ENGINES, type SpellEngine, type SpellDependency } from './spell-manifest-fields';
export type { SpellParameter, ParameterType } from './spell-parameter';
export type { SpellPermissions } from './spell-permissions';
