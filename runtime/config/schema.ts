import { z } from 'zod';
import { DEFAULT_PRICES, type ModelPrice } from '../contract/prices';

/**
 * The configuration schema. Keys are snake_case everywhere: in YAML, in the typed {@link Config}
 * and in the dotted paths of `origins` and error reports, so one name means one thing.
 * Every error message below is the *expected* half of "expected X, got Y".
 */

/** Provider names with built-in support; any other name under `providers` is a custom server. */
export const KNOWN_PROVIDERS = ['openai', 'anthropic', 'gemini', 'ollama', 'openrouter'] as const;

/** Log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * An MCP server name: it prefixes the server's tools (`<server>.<tool>`), so no dots, and no `__`
 * (a dotted tool name travels to LLM providers as `<server>__<tool>`).
 */
export const MCP_SERVER_NAME = /^(?!.*__)[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Builds the schema of what one source (a file, the environment, the flags) may set: everything
 * optional, nothing unknown. Built on first use (see configInputSchema), not at import: a run with no
 * configuration of its own never checks anything against it, and building it is ≈ 5 ms of a cold start.
 */
function buildConfigInputSchema() {
  const MAPPING = 'a mapping';

  const text = () => z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' });
  const positive = () => z.number({ error: 'a positive number' }).positive({ error: 'a positive number' });
  const intRange = (min: number, max: number) => {
    const expected = `an integer ${min}..${max}`;
    return z.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected });
  };
  const list = (item: z.ZodType, expected = 'a list of strings') => z.array(item, { error: expected });
  const section = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, { error: MAPPING }).partial();

  /** An http(s) URL; other schemes (and "host:port" without a scheme) are refused. */
  const httpUrl = () =>
    z.string({ error: 'an http(s) URL' }).refine((s) => {
      try {
        return ['http:', 'https:'].includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, { error: 'an http(s) URL' });

  /** One entry under `providers`; custom (unknown) names must also set base_url (checked after merging). */
  const ProviderEntrySchema = section({
    api_key: text(),
    base_url: httpUrl(),
    model: text(),
    llm_calls: intRange(1, 1_000_000),
    tokens: intRange(1, 1_000_000_000),
    llm_rate: intRange(1, 100_000),
  });

  const providerName = z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'a provider name of letters, digits, ".", "_" or "-"' });

  /** A model id as a price table key: `gpt-4o`, or `provider/model` to price one provider's model only. */
  const modelName = z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, { error: 'a model id of letters, digits, ".", "_", "-", ":", "@" or "/"' });
  const usdPerMillion = () => z.number({ error: 'US dollars per million tokens (a number ≥ 0)' }).min(0, { error: 'US dollars per million tokens (a number ≥ 0)' });

  /** One entry under `prices`: US dollars per million input (prompt) and output (completion) tokens. */
  const PriceEntrySchema = section({ input: usdPerMillion(), output: usdPerMillion() });

  const mcpServerName = z.string().regex(MCP_SERVER_NAME, { error: 'an MCP server name of letters, digits, "-" or "_" (no "__")' });
  const stringMap = (what: string) => z.record(z.string(), z.string({ error: what }), { error: `a mapping of ${what}s` });

  /**
   * One entry under `mcp.servers`: a stdio server (`command`, `args`, `env`, `cwd`) or a streamable
   * HTTP one (`url`, `headers`); which one is checked after merging. Values of `env` and `headers` may
   * be `${NAME}`: a secret of the secret store, else the host's environment variable NAME.
   */
  const McpServerEntrySchema = section({
    command: text(),
    args: list(z.string({ error: 'a string' })),
    env: stringMap('string'),
    cwd: text(),
    url: httpUrl(),
    headers: stringMap('string'),
    /** Seconds one call may take (the run's own time limit still applies). */
    timeout: positive(),
  });

  return z.strictObject(
    {
      provider: text().optional(),
      model: text().optional(),
      log_level: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join('|')}` }).optional(),
      limits: section({
        timeout: positive(),
        memory: positive(),
        cpu: positive(),
        max_depth: intRange(1, 64),
        max_processes: intRange(1, 256),
        llm_calls: intRange(1, 1_000_000),
        tokens: intRange(1, 1_000_000_000),
        llm_rate: intRange(1, 100_000),
        cost: positive(),
      }).optional(),
      prices: z.record(modelName, PriceEntrySchema, { error: MAPPING }).optional(),
      pool: section({ size: intRange(0, 16) }).optional(),
      llm: section({ retries: intRange(0, 10), request_timeout: positive() }).optional(),
      providers: z.record(providerName, ProviderEntrySchema, { error: MAPPING }).optional(),
      storage: section({
        max_bytes: z.number({ error: 'a positive integer' }).int({ error: 'a positive integer' }).positive({ error: 'a positive integer' }),
        quota_bytes: z.number({ error: 'a positive integer' }).int({ error: 'a positive integer' }).positive({ error: 'a positive integer' }),
        extensions: list(z.string({ error: 'a string like ".txt"' }).regex(/^\.[^./\\]+$/, { error: 'a string like ".txt"' }), 'a list of extensions like ".txt"'),
      }).optional(),
      network: section({ allow_hosts: list(text()), allow_private: z.boolean({ error: 'true or false' }) }).optional(),
      library: section({ folders: list(text()) }).optional(),
      mcp: section({ servers: z.record(mcpServerName, McpServerEntrySchema, { error: MAPPING }) }).optional(),
      install: section({ require_signed: z.boolean({ error: 'true or false' }) }).optional(),
      studio: section({ max_runs: intRange(1, 64), history_runs: intRange(1, 1_000_000) }).optional(),
    },
    { error: MAPPING },
  );
}

let built: ReturnType<typeof buildConfigInputSchema> | undefined;

/** The schema of one configuration source (built once, on first use). */
export function configInputSchema(): ReturnType<typeof buildConfigInputSchema> {
  return (built ??= buildConfigInputSchema());
}
export type ConfigInput = z.infer<ReturnType<typeof buildConfigInputSchema>>;

/** One configured provider. */
export interface ProviderConfig {
  /** Secret key sent to the provider; masked by formatConfig. */
  api_key?: string;
  /** OpenAI-compatible endpoint; required for custom providers. */
  base_url?: string;
  /** Model used with this provider when no top-level `model` override is set. */
  model?: string;
  /** This provider's share of a run's LLM budget: requests, tokens, requests per minute. */
  llm_calls?: number;
  tokens?: number;
  llm_rate?: number;
}

/** One configured MCP server: `command` (stdio) or `url` (streamable HTTP), never both. */
export interface McpServerConfig {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  /** Seconds one call may take. */
  timeout?: number;
}

/** The effective configuration: every source merged, defaults applied, validated. */
export interface Config {
  /** Current provider: as configured, else the first available one, else `mock`. */
  provider: string;
  /** Model override for the current provider. */
  model?: string;
  log_level: LogLevel;
  /**
   * Per-run limits: wall time in seconds, CPU time in seconds and memory in megabytes (shared with every run nested in
   * it), how deep runs may nest, and how many engine processes one run may have at once.
   */
  limits: {
    timeout: number;
    memory: number;
    /** Seconds of engine-process CPU time per run (shared like the timeout); absent: unlimited. */
    cpu?: number;
    max_depth: number;
    max_processes: number;
    /** LLM requests per run; absent: unlimited. */
    llm_calls?: number;
    /** LLM tokens (prompt + completion) per run; absent: unlimited. */
    tokens?: number;
    /** LLM requests per minute; absent: unlimited. */
    llm_rate?: number;
    /** US dollars the run's LLM calls may cost (at `prices`); absent: unlimited. */
    cost?: number;
  };
  /** US dollars per million input and output tokens, by model id (shipped defaults, then the user's). */
  prices: Record<string, Partial<ModelPrice>>;
  /** Warm engine processes kept ready. */
  pool: { size: number };
  /** LLM client behaviour: retry count and per-request timeout in seconds. */
  llm: { retries: number; request_timeout: number };
  /** Configured providers by name (known or custom). */
  providers: Record<string, ProviderConfig>;
  /** The storage bridge: largest file in bytes, total bytes per spell, allowed file extensions. */
  storage: { max_bytes: number; quota_bytes: number; extensions: string[] };
  /** The http bridge: hosts a spell may reach, and whether private addresses are allowed. */
  network: { allow_hosts: string[]; allow_private: boolean };
  /** Extra folders shown in the spell library. */
  library: { folders: string[] };
  /** MCP servers whose tools, resources and prompts spells may use, by name. */
  mcp: { servers: Record<string, McpServerConfig> };
  /** `llmspell install`: refuse bundles without a signature from a trusted key. */
  install: { require_signed: boolean };
  /** The studio: runs at once (more wait in a queue), and finished runs kept in its history. */
  studio: { max_runs: number; history_runs: number };
}

/** Built-in defaults, the lowest-precedence source (`provider` is resolved separately). */
export const DEFAULTS: Omit<Config, 'provider' | 'model'> = {
  log_level: 'info',
  limits: { timeout: 300, memory: 256, max_depth: 8, max_processes: 16 },
  pool: { size: 1 },
  llm: { retries: 2, request_timeout: 60 },
  providers: {},
  prices: structuredClone(DEFAULT_PRICES),
  storage: { max_bytes: 10 * 1024 * 1024, quota_bytes: 100 * 1024 * 1024, extensions: ['.txt', '.json', '.yaml', '.yml', '.md', '.csv'] },
  network: { allow_hosts: [], allow_private: false },
  library: { folders: [] },
  mcp: { servers: {} },
  install: { require_signed: false },
  studio: { max_runs: 4, history_runs: 500 },
};
