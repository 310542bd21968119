import { z } from 'zod';

/**
 * What a spell asks the host for. Every list is an allow-list: `"*"` means any, empty means none.
 * The host grants no more than this; `llmspell install` shows it before installing.
 */
export interface SpellPermissions {
  /** Hosts the http bridge may reach. */
  network: string[];
  /** Whether the spell uses the storage bridge (its own folder of files). */
  storage: boolean;
  /**
   * Shared storage areas the spell may also use (`@name/file.txt`), each visible to every spell
   * granted the same name; its own folder is never visible to other spells.
   */
  sharedStorage: string[];
  /** Tools the spell may call by name. */
  tools: string[];
  /** LLM providers and models the spell may use. */
  llm: { providers: string[]; models: string[] };
  /** Names of secrets (API keys, environment variables) the spell needs. */
  secrets: string[];
  /** MCP servers (configured under `mcp.servers`) whose tools, resources and prompts the spell may use. */
  mcp: string[];
}

/** No permissions at all. */
export function noPermissions(): SpellPermissions {
  return { network: [], storage: false, sharedStorage: [], tools: [], llm: { providers: [], models: [] }, secrets: [], mcp: [] };
}

/** A shared storage area's name: kebab-case, like a spell's (it becomes a folder name). */
const SHARED_AREA = z
  .string({ error: 'a kebab-case area name' })
  .max(100, { error: 'an area name of at most 100 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'a kebab-case area name like "team-notes"' });

const names = (what: string) => z.array(z.string({ error: what }).min(1, { error: what }), { error: `a list of ${what}s` });
const namesOrAll = (what: string) => z.union([z.boolean(), names(what)], { error: `true, false or a list of ${what}s` });

/** The `permissions` section as written. `true` for a list means any (`["*"]`). */
export const PermissionsInput = z.strictObject(
  {
    network: namesOrAll('host name').optional(),
    storage: z
      .union([z.boolean(), z.strictObject({ shared: z.array(SHARED_AREA, { error: 'a list of shared area names' }) })], {
        error: 'true, false or a mapping { shared: [area names] }',
      })
      .optional(),
    tools: namesOrAll('tool name').optional(),
    llm: z
      .union([z.boolean(), z.strictObject({ providers: names('provider name').optional(), models: names('model name').optional() })], {
        error: 'true, false or a mapping with providers and models',
      })
      .optional(),
    secrets: names('secret name').optional(),
    mcp: namesOrAll('MCP server name').optional(),
  },
  { error: 'a mapping of permissions (network, storage, tools, llm, secrets, mcp)' },
);
export type PermissionsInput = z.infer<typeof PermissionsInput>;

const ANY = ['*'];
const list = (value: boolean | string[] | undefined): string[] => (value === true ? ANY : value === false || value === undefined ? [] : value);

/** Normalises the `permissions` section. */
export function normalisePermissions(input: PermissionsInput | undefined): SpellPermissions {
  const result = noPermissions();
  if (!input) return result;
  result.network = list(input.network);
  result.storage = input.storage === undefined ? false : input.storage !== false;
  result.sharedStorage = typeof input.storage === 'object' ? [...new Set(input.storage.shared)] : [];
  result.tools = list(input.tools);
  if (input.llm === true) result.llm = { providers: ANY, models: ANY };
  else if (typeof input.llm === 'object') result.llm = { providers: input.llm.providers ?? ANY, models: input.llm.models ?? ANY };
  result.secrets = input.secrets ?? [];
  result.mcp = list(input.mcp);
  return result;
}

/**
 * go-llmspell's `capabilities` (`llm.chat`, `http.get`, `storage.write`, ...) by their first part.
 * Pure bridges (json, log, params, ...) need no permission.
 */
const CAPABILITY_AREAS = ['llm', 'agents', 'agent', 'http', 'network', 'storage', 'tools', 'tool', 'json', 'log', 'params', 'promise', 'events', 'workflow', 'workflows', 'io', 'string'];

/** A go-llmspell capability name; the area before the first dot must be known. */
export const CapabilityName = z
  .string({ error: 'a capability like "llm.chat"' })
  .refine((c) => CAPABILITY_AREAS.includes(c.split('.')[0] ?? ''), { error: `a capability in one of the areas ${CAPABILITY_AREAS.join('|')}` });

/** go-llmspell's `requires`: a list of names, or a mapping of names to true/false or a version string. */
export const RequiresInput = z.union(
  [z.array(z.string({ error: 'a name' }).min(1, { error: 'a name' })), z.record(z.string(), z.union([z.boolean(), z.string(), z.number()]))],
  { error: 'a list of names like [llm, http], or a mapping of them to true/false or a version' },
);
export type RequiresInput = z.infer<typeof RequiresInput>;

/** The capability areas among `requires` (`llm`, `http`, ...; a name's part before the first dot). */
export function requiredAreas(requires: RequiresInput | undefined): string[] {
  if (!requires) return [];
  const names = Array.isArray(requires) ? requires : Object.keys(requires).filter((k) => requires[k] !== false);
  return names.filter((n) => CAPABILITY_AREAS.includes(n.split('.')[0] ?? ''));
}

/** The names among `requires` that are no capability area: accepted, and noted by `validate --verbose`. */
export function unknownRequirements(requires: RequiresInput | undefined): string[] {
  if (!requires) return [];
  const names = Array.isArray(requires) ? requires : Object.keys(requires);
  return names.filter((n) => !CAPABILITY_AREAS.includes(n.split('.')[0] ?? ''));
}

/** Widens `permissions` by go-llmspell's `capabilities` list and `requirements` switches. */
export function applyLegacyCapabilities(p: SpellPermissions, capabilities: string[], requirements: Record<string, boolean>): void {
  const areas = new Set([...capabilities.map((c) => c.split('.')[0]), ...Object.keys(requirements).filter((k) => requirements[k])]);
  const has = (...names: string[]) => names.some((n) => areas.has(n));
  // Agents talk to LLMs, so asking for agents asks for the LLM too.
  if (has('llm', 'agents', 'agent') && p.llm.providers.length === 0) p.llm = { providers: ANY, models: ANY };
  if (has('http', 'network') && p.network.length === 0) p.network = ANY;
  if (has('storage')) p.storage = true;
  if (has('tools', 'tool') && p.tools.length === 0) p.tools = ANY;
}

/** One line per permission asked for, for people deciding whether to install or run a spell. */
export function describePermissions(p: SpellPermissions): string[] {
  const any = (items: string[], what: string) => (items.includes('*') ? `any ${what}` : items.join(', '));
  const lines: string[] = [];
  if (p.network.length) lines.push(`network: ${any(p.network, 'host')}`);
  if (p.storage) lines.push('storage: read and write its own files (no other spell sees them)');
  for (const area of p.sharedStorage) lines.push(`shared storage '${area}': read and write files that every spell granted '${area}' can also read and change`);
  if (p.tools.length) lines.push(`tools: ${any(p.tools, 'tool')}`);
  if (p.llm.providers.length) lines.push(`llm: ${any(p.llm.providers, 'provider')}; models: ${any(p.llm.models, 'model')}`);
  if (p.secrets.length) lines.push(`secrets: ${p.secrets.join(', ')}`);
  if (p.mcp.length) lines.push(`mcp: ${any(p.mcp, 'MCP server')}`);
  return lines;
}
