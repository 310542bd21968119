import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { coerceNumber, type Entry, type Layer } from './layer';

/** An environment variable the configuration reads, and the key path it sets. */
interface EnvVar {
  name: string;
  path: string[];
  coerce?: (raw: string) => unknown;
}

/** OLLAMA_HOST is often `localhost:11434`; without a scheme it is plain http. */
const withScheme = (raw: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);

/** Every variable read, lowest priority first (LLMSPELL_HOME only locates the user file, see llmspellHome). */
export const ENV_VARS: readonly EnvVar[] = [
  { name: 'LLMSPELL_PROVIDER', path: ['provider'] },
  { name: 'LLMSPELL_MODEL', path: ['model'] },
  { name: 'LLMSPELL_LOG_LEVEL', path: ['log_level'] },
  { name: 'LLMSPELL_TIMEOUT', path: ['limits', 'timeout'], coerce: coerceNumber },
  { name: 'LLMSPELL_MEMORY', path: ['limits', 'memory'], coerce: coerceNumber },
  { name: 'LLMSPELL_POOL_SIZE', path: ['pool', 'size'], coerce: coerceNumber },
  { name: 'OPENAI_API_KEY', path: ['providers', 'openai', 'api_key'] },
  { name: 'OPENAI_BASE_URL', path: ['providers', 'openai', 'base_url'] },
  { name: 'OPENAI_MODEL', path: ['providers', 'openai', 'model'] },
  { name: 'ANTHROPIC_API_KEY', path: ['providers', 'anthropic', 'api_key'] },
  { name: 'ANTHROPIC_MODEL', path: ['providers', 'anthropic', 'model'] },
  { name: 'GEMINI_API_KEY', path: ['providers', 'gemini', 'api_key'] },
  { name: 'GEMINI_MODEL', path: ['providers', 'gemini', 'model'] },
  { name: 'OLLAMA_HOST', path: ['providers', 'ollama', 'base_url'], coerce: withScheme },
  { name: 'OPENROUTER_API_KEY', path: ['providers', 'openrouter', 'api_key'] },
  { name: 'OPENROUTER_MODEL', path: ['providers', 'openrouter', 'model'] },
];

/** Environment variables as the caller passes them (`process.env` or a test's object). */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/**
 * The layer of one environment: `kind` is `env` for the real environment and `.env` for the file.
 * Empty values count as unset. `MOCK_LLM=true` (1/yes/on) sets `provider: mock` and wins over
 * LLMSPELL_PROVIDER of the same environment; a value that is not a boolean is a problem.
 */
export function envLayer(env: EnvVars, kind: 'env' | '.env'): Layer {
  const layer: Layer = { label: kind, entries: [], problems: [] };
  const mock = env.MOCK_LLM?.trim() ?? '';
  const mockOn = /^(1|true|yes|on)$/i.test(mock);
  if (mock !== '' && !mockOn && !/^(0|false|no|off)$/i.test(mock)) {
    layer.problems.push({ source: `${kind} MOCK_LLM`, path: 'provider', message: `expected true or false, got ${JSON.stringify(mock)}` });
  }
  for (const v of ENV_VARS) {
    const raw = env[v.name];
    if (raw === undefined || raw.trim() === '') continue;
    if (mockOn && v.name === 'LLMSPELL_PROVIDER') continue;
    const entry: Entry = { path: v.path, value: v.coerce ? v.coerce(raw) : raw, origin: `${kind} ${v.name}` };
    layer.entries.push(entry);
  }
  if (mockOn) layer.entries.push({ path: ['provider'], value: 'mock', origin: `${kind} MOCK_LLM` });
  return layer;
}

/** Reads `<cwd>/.env` with node's parser; a missing file is no variables, an unreadable one a problem. */
export function readDotEnv(cwd: string): { vars: EnvVars; problem?: string } {
  try {
    return { vars: parseEnv(readFileSync(join(cwd, '.env'), 'utf8')) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { vars: {} };
    return { vars: {}, problem: `cannot read ${join(cwd, '.env')}: ${(err as Error).message}` };
  }
}
