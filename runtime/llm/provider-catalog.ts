/**
 * The known providers (all OpenAI-compatible endpoints) and how plain settings plus environment
 * variables resolve into concrete endpoints: base URL, key, model, availability.
 */

/** One provider's settings, as the config file gives them. */
export interface LlmProviderSettings {
  api_key?: string;
  base_url?: string;
  model?: string;
}

/** Plain input of the LLM service; the config module produces it. */
export interface LlmSettings {
  /** Per-provider settings by name; a name that is not built in defines a custom OpenAI-compatible server. */
  providers?: Record<string, LlmProviderSettings>;
  /** The explicitly chosen provider (`mock` allowed); otherwise the first available one. */
  provider?: string;
  /** Model for the initially chosen provider; overrides that provider's own model. */
  model?: string;
  llm?: {
    /** Extra attempts after a retryable failure (429, 5xx, network, timeout). Default 2. */
    retries?: number;
    /** Per-request timeout in seconds (for streams: until the first byte and between chunks). Default 60. */
    request_timeout?: number;
  };
}

/** Environment variables to read (`OPENAI_API_KEY`, ...): passed in, never read from `process.env` here. */
export type LlmEnv = Record<string, string | undefined>;

/** A built-in provider definition. */
interface BuiltinProvider {
  name: string;
  baseUrl: string;
  defaultModel: string;
  keyVar?: string;
  baseUrlVar?: string;
  modelVar: string;
}

/** Built-in providers, in the order used to pick the first available one. */
export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  { name: 'openai', baseUrl: 'https://api.openai.com/v1', defaultModel: 'gpt-4o', keyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL', modelVar: 'OPENAI_MODEL' },
  { name: 'anthropic', baseUrl: 'https://api.anthropic.com/v1/', defaultModel: 'claude-sonnet-4-5', keyVar: 'ANTHROPIC_API_KEY', modelVar: 'ANTHROPIC_MODEL' },
  { name: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai/', defaultModel: 'gemini-2.5-flash', keyVar: 'GEMINI_API_KEY', modelVar: 'GEMINI_MODEL' },
  { name: 'ollama', baseUrl: 'http://localhost:11434/v1', defaultModel: 'llama3.2', modelVar: 'OLLAMA_MODEL' },
  { name: 'openrouter', baseUrl: 'https://openrouter.ai/api/v1', defaultModel: 'openai/gpt-4o', keyVar: 'OPENROUTER_API_KEY', modelVar: 'OPENROUTER_MODEL' },
];

/** A resolved endpoint. `apiKey` stays in the host and is never shown. */
export interface ProviderEndpoint {
  name: string;
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  available: boolean;
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() ? value.trim() : undefined);

function ollamaBaseUrl(host: string): string {
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  const trimmed = withScheme.replace(/\/+$/, '');
  return trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`;
}

function resolveBuiltin(def: BuiltinProvider, own: LlmProviderSettings, env: LlmEnv): ProviderEndpoint {
  const apiKey = nonEmpty(own.api_key) ?? (def.keyVar ? nonEmpty(env[def.keyVar]) : undefined);
  const model = nonEmpty(own.model) ?? nonEmpty(env[def.modelVar]) ?? def.defaultModel;
  if (def.name === 'ollama') {
    const host = nonEmpty(own.base_url) ?? nonEmpty(env.OLLAMA_HOST);
    return { name: def.name, baseUrl: host ? ollamaBaseUrl(host) : def.baseUrl, apiKey, model, available: host !== undefined };
  }
  const baseUrl = nonEmpty(own.base_url) ?? (def.baseUrlVar ? nonEmpty(env[def.baseUrlVar]) : undefined) ?? def.baseUrl;
  return { name: def.name, baseUrl, apiKey, model, available: apiKey !== undefined };
}

/**
 * Every configured endpoint: the built-ins in their fixed order, then custom servers in settings order.
 * Settings win over environment variables.
 */
export function resolveEndpoints(settings: LlmSettings, env: LlmEnv): ProviderEndpoint[] {
  const own = settings.providers ?? {};
  const builtins = BUILTIN_PROVIDERS.map((def) => resolveBuiltin(def, own[def.name] ?? {}, env));
  const customs = Object.entries(own)
    .filter(([name]) => name !== 'mock' && !BUILTIN_PROVIDERS.some((def) => def.name === name))
    .map(([name, p]): ProviderEndpoint => {
      const baseUrl = nonEmpty(p.base_url);
      return { name, baseUrl: baseUrl ?? '', apiKey: nonEmpty(p.api_key), model: nonEmpty(p.model) ?? 'default', available: baseUrl !== undefined };
    });
  return [...builtins, ...customs];
}
