/**
 * docs/configuration.md, rendered from the configuration schema (runtime/config/schema.ts): every key
 * with its type, default and environment variable. Descriptions live in CONFIG_DOCS; a test fails
 * when the schema has a key that is not described here, so new settings cannot go undocumented.
 */
import { z } from 'zod';
import { ENV_VARS } from '../config/env-source';
import { getIn } from '../config/layer';
import { configInputSchema, DEFAULTS } from '../config/schema';
import { DEFAULT_PRICES } from '../contract/prices';

/** One line of prose per key path; `providers.*` covers every provider entry. */
export const CONFIG_DOCS: Record<string, string> = {
  provider: 'The LLM provider to use: a built-in one (openai, anthropic, gemini, ollama, openrouter), a custom name under `providers`, or `mock`. Unset: the first provider with a key, else the mock.',
  model: 'Model override for the chosen provider.',
  log_level: 'How much the CLI reports: `debug` adds timings and token usage.',
  limits: 'Per-run limits, shared with every run nested in it.',
  'limits.timeout': 'Wall time of a run in seconds; the engine process is killed when it is up.',
  'limits.memory': 'Memory of a run in megabytes (the engine\'s heap is capped; the process is killed beyond it).',
  'limits.cpu': 'CPU time of a run in seconds (its engine processes together, nested runs included); the run ends with `cpu_limit` when it is used up. Unset: no CPU limit beyond wall time. A spell waiting for input, a timer or an LLM uses none. Also `--cpu` on `llmspell run`; a manifest may lower it.',
  'limits.max_depth': 'How deep runs may nest (a spell running a spell running a workflow...).',
  'limits.max_processes': 'How many engine processes one run (with its nested runs) may have at once.',
  'limits.llm_calls': 'LLM requests one run (with its nested runs) may make; unset: unlimited. Past it a call fails with `llm_budget`.',
  'limits.tokens': 'LLM tokens (prompt + completion) one run may use; unset: unlimited.',
  'limits.llm_rate': 'LLM requests per minute of one run; unset: unlimited.',
  'limits.cost': 'US dollars the LLM calls of one run (with its nested runs) may cost at `prices`; unset: unlimited. A call is refused before it is sent when its prompt alone would take the spending past the cap; the call that takes the spending past it still completes, then the run stops. Either way the run ends with `cost_limit`. Also `--max-cost` on `llmspell run`; a manifest\'s `limits.cost` may lower it.',
  prices: 'What LLM calls cost, by model id: shipped defaults for common OpenAI, Anthropic and Google models (listed below), changed or extended here or in the studio\'s Settings. A dated id (`gpt-4o-2024-08-06`) finds its family (`gpt-4o`); `provider/model` prices one provider\'s model only. A model without a price (the mock, local servers) costs $0.',
  'prices.*.input': 'US dollars per million input (prompt) tokens.',
  'prices.*.output': 'US dollars per million output (completion) tokens.',
  pool: 'Warm engine processes kept ready by the studio.',
  'pool.size': 'Number of warm engine processes (0 starts each run cold).',
  llm: 'LLM client behaviour.',
  'llm.retries': 'Extra attempts after a retryable failure (429, 5xx, network, timeout).',
  'llm.request_timeout': 'Seconds per request (for streams: until the first byte and between chunks).',
  providers: 'Providers by name. A name that is not built in is a custom OpenAI-compatible server and needs `base_url`.',
  'providers.*.api_key': 'Secret key sent to that provider only; never shown to spells, masked by `llmspell config show`.',
  'providers.*.base_url': 'OpenAI-compatible endpoint (http or https).',
  'providers.*.llm_calls': 'LLM requests per run to this provider; unset: unlimited.',
  'providers.*.tokens': 'LLM tokens per run with this provider; unset: unlimited.',
  'providers.*.llm_rate': 'LLM requests per minute to this provider; unset: unlimited.',
  'providers.*.model': 'Model used with this provider when no top-level `model` is set.',
  storage: 'The storage bridge (files under `$LLMSPELL_HOME/storage`).',
  'storage.max_bytes': 'Largest file a spell may read or write, in bytes.',
  'storage.quota_bytes': 'Total bytes of one spell\'s storage folder (and of each shared area).',
  'storage.extensions': 'File extensions a spell may use.',
  network: 'The http bridge\'s network policy.',
  'network.allow_hosts': 'Hosts a spell may reach (a manifest may narrow this further). Empty: none.',
  'network.allow_private': 'Whether private and loopback addresses may be reached.',
  mcp: 'Model Context Protocol servers whose tools spells may use (`<server>.<tool>` in `tools.list()`).',
  'mcp.servers': 'Servers by name (no `.` or `__` in a name). Each has either `command` (stdio) or `url` (streamable HTTP).',
  'mcp.servers.*.command': 'Program to start for a stdio server; the host starts it on first use and stops it on exit.',
  'mcp.servers.*.args': 'Arguments of the stdio server\'s command.',
  'mcp.servers.*.env': 'Environment of the stdio server; `${NAME}` reads a saved secret, else the host\'s environment.',
  'mcp.servers.*.cwd': 'Working folder of the stdio server.',
  'mcp.servers.*.url': 'Endpoint of a streamable HTTP server.',
  'mcp.servers.*.headers': 'Headers sent to the HTTP server; `${NAME}` reads a saved secret, else the host\'s environment.',
  'mcp.servers.*.timeout': 'Seconds one call to this server may take (the run\'s own limits still apply).',
  install: '`llmspell install`.',
  'install.require_signed': 'Refuse bundles without a signature from a key in `$LLMSPELL_HOME/trusted-keys/` (also `--require-signed`).',
  studio: 'The studio.',
  'studio.max_runs': 'Runs the studio executes at once; more wait in a queue.',
  'studio.history_runs': 'Finished runs the studio keeps in its history; the oldest are deleted as new ones end.',
  library: 'The studio\'s spell library.',
  'library.folders': 'Extra folders shown in the library.',
};

interface Row {
  path: string;
  type: string;
  fallback: string;
  env: string;
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema | boolean; items?: JsonSchema; enum?: unknown[]; anyOf?: JsonSchema[] };

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  return schema.type ?? 'any';
}

/** Every key path of the schema, sections before their keys; records appear as `name.*`. */
export function configRows(): Row[] {
  const root = z.toJSONSchema(configInputSchema(), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows: Row[] = [];
  const envOf = (path: string) => ENV_VARS.filter((v) => v.path.join('.') === path || (path.startsWith('providers.*.') && v.path[0] === 'providers' && v.path[2] === path.split('.')[2])).map((v) => `\`${v.name}\``).join(', ');
  const visit = (schema: JsonSchema, path: string[]) => {
    const key = path.join('.');
    const isSection = schema.type === 'object';
    const fallback = key.includes('*') ? undefined : getIn(DEFAULTS, path);
    rows.push({ path: key, type: isSection ? 'section' : typeOf(schema), fallback: isSection || fallback === undefined ? '' : `\`${JSON.stringify(fallback)}\``, env: envOf(key) });
    for (const [name, child] of Object.entries(schema.properties ?? {})) visit(child, [...path, name]);
    if (typeof schema.additionalProperties === 'object') {
      for (const [name, child] of Object.entries(schema.additionalProperties.properties ?? {})) visit(child, [...path, '*', name]);
    }
  };
  for (const [name, child] of Object.entries(root.properties ?? {})) visit(child, [name]);
  return rows;
}

export function renderConfigReference(): string {
  const rows = configRows();
  return [
    '<!-- Generated by scripts/gen-docs.mjs from runtime/config/schema.ts (`npm run gen`). Do not edit. -->',
    '# Configuration reference',
    '',
    'Sources, lowest precedence first: built-in defaults < `$LLMSPELL_HOME/config.yaml` (default `~/.llmspell/config.yaml`)',
    '< `./llmspell.yaml` < `./.env` < environment variables < command-line flags. `llmspell config show` prints the effective',
    'value of every key and where it came from; `llmspell config init` writes a starter file. Keys are snake_case;',
    'unknown keys and wrong types are errors that name the file, the key and what was expected. `MOCK_LLM=true` chooses the',
    'offline mock provider.',
    '',
    '| key | type | default | environment | meaning |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| \`${r.path}\` | ${r.type} | ${r.fallback} | ${r.env} | ${CONFIG_DOCS[r.path] ?? ''} |`),
    '',
    '```yaml',
    '# ./llmspell.yaml: a custom OpenAI-compatible server, tighter limits',
    'provider: local',
    'providers:',
    '  local:',
    '    base_url: http://127.0.0.1:8080/v1',
    '    model: my-model',
    'limits:',
    '  timeout: 60',
    '  memory: 128',
    'network:',
    '  allow_hosts: [api.example.com]',
    '```',
    '',
    '## Default prices',
    '',
    'US dollars per million tokens, as shipped (`prices`). Your own entries replace these key by key:',
    '',
    '```yaml',
    'prices:',
    '  gpt-4o: { input: 2.5, output: 10 }   # change a shipped price',
    '  local/my-model: { input: 0.2, output: 0.2 }   # price a custom server\'s model',
    'limits:',
    '  cost: 0.50   # stop any run whose LLM calls would cost more than 50 cents',
    '```',
    '',
    '| model | input | output |',
    '|---|---|---|',
    ...Object.entries(DEFAULT_PRICES).map(([model, p]) => `| \`${model}\` | ${p.input} | ${p.output} |`),
    '',
  ].join('\n');
}
