import type { LoadedConfig } from '../../config';
import { BUILTIN_PROVIDERS, MOCK_PROVIDER, resolveEndpoints, type ProviderEndpoint } from '../../llm';
import { fail, pass, type CheckResult } from './check';

/** How long one provider gets to answer `GET /models`. */
const PROBE_TIMEOUT_MS = 8000;

/** Where a provider's key is set, for the fix line. */
function keyHint(name: string): string {
  const builtin = BUILTIN_PROVIDERS.find((p) => p.name === name);
  return builtin?.keyVar ? `set ${builtin.keyVar} (or providers.${name}.api_key in llmspell.yaml)` : `set providers.${name}.api_key in llmspell.yaml`;
}

/**
 * Every provider the configuration makes usable, plus the chosen one: each asked for its model list
 * (`GET <base_url>/models` with the key), which proves it is reachable and that the key is accepted
 * without spending tokens. The key goes only to that provider's own endpoint and is never printed.
 */
export async function checkProviders({ config, origins }: LoadedConfig): Promise<CheckResult[]> {
  const endpoints = resolveEndpoints({ providers: config.providers }, {});
  // A provider the configuration merely defaulted to is no choice (the run falls back to the mock).
  const chosen = origins.provider !== 'default' ? config.provider : undefined;
  const results: CheckResult[] = [];
  if (chosen === MOCK_PROVIDER) results.push(pass(`provider ${MOCK_PROVIDER}`, 'the built-in mock LLM (offline, canned answers)'));
  const probed = endpoints.filter((e) => e.available || e.name === chosen);
  for (const endpoint of probed) {
    if (!endpoint.available) {
      const need = endpoint.name === 'ollama' ? 'set OLLAMA_HOST (or providers.ollama.base_url)' : endpoint.baseUrl ? keyHint(endpoint.name) : `set providers.${endpoint.name}.base_url`;
      results.push(fail(`provider ${endpoint.name}`, 'chosen but not configured', need));
      continue;
    }
    results.push(await probe(endpoint, config.llm.request_timeout));
  }
  if (results.length === 0) {
    results.push(fail('provider', 'none configured: spells fall back to the mock LLM', 'set OPENAI_API_KEY (or another provider\'s key), or MOCK_LLM=true to choose the mock on purpose'));
  }
  return results;
}

async function probe(endpoint: ProviderEndpoint, requestTimeoutS: number): Promise<CheckResult> {
  const subject = `provider ${endpoint.name}`;
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/models`;
  const headers: Record<string, string> = {};
  if (endpoint.apiKey) {
    headers.Authorization = `Bearer ${endpoint.apiKey}`;
    // Anthropic's own endpoints read x-api-key; its OpenAI-compatible chat reads the bearer token.
    if (endpoint.name === 'anthropic') Object.assign(headers, { 'x-api-key': endpoint.apiKey, 'anthropic-version': '2023-06-01' });
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(Math.min(PROBE_TIMEOUT_MS, requestTimeoutS * 1000)) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return fail(subject, `${endpoint.baseUrl} is unreachable (${cause})`, `check the network and providers.${endpoint.name}.base_url`);
  }
  await response.body?.cancel();
  if (response.ok) return pass(subject, `${endpoint.baseUrl} reachable, key accepted, model ${endpoint.model}`);
  if (response.status === 401 || response.status === 403) {
    return fail(subject, `${endpoint.baseUrl} refused the key (HTTP ${response.status})`, keyHint(endpoint.name).replace(/^set /, 'set a valid '));
  }
  return fail(subject, `${endpoint.baseUrl} answered HTTP ${response.status} to GET /models`, `check providers.${endpoint.name}.base_url points at an OpenAI-compatible API`);
}
