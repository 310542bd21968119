/**
 * `LlmService`: one per run. Picks the current provider from settings, serves chat / stream / models
 * through it, lets a spell switch providers, and meters usage. Capabilities come in; no globals.
 */
import { DEFAULT_RETRY, type RetryPolicy } from './attempts';
import { LlmError } from './llm-error';
import { MOCK_FALLBACK_NOTICE, MOCK_PROVIDER, MockProvider } from './mock-provider';
import { OpenAiCompatibleProvider } from './openai-provider';
import { BUILTIN_PROVIDERS, resolveEndpoints, type LlmEnv, type LlmSettings, type ProviderEndpoint } from './provider-catalog';
import type { LlmProvider, LlmProviderInfo, LlmRequest, LlmResult } from './types';
import { UsageMeter, type LlmUsageReport } from './usage-meter';
import type { Cassette } from './cassette/cassette';
import type { LlmBudget } from './llm-budget';
import type { RunCost } from './run-cost';

/** One LLM request as the run's trace shows it: finished, failed, or refused by a budget. */
export interface LlmCallRecord {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  durationMs: number;
  /** When the request started (ms since the epoch). */
  startedAt: number;
  ok: boolean;
  error?: string;
  /** US dollars at the configured price (0 when unpriced or failed). */
  cost: number;
  priced: boolean;
  /** The run tree's cost after this call. */
  totalCost: number;
}

/** What a service is built from. */
export interface LlmServiceOptions {
  settings?: LlmSettings;
  /** Environment variables with provider keys (pass `process.env` from the host entry point). */
  env?: LlmEnv;
  /** Backoff tuning; the retry count comes from `settings.llm.retries`. */
  backoff?: Partial<Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>>;
  /** Clock for durations (ms). */
  now?: () => number;
  /** Records every exchange, or replays them offline (see cassette/cassette.ts). */
  cassette?: Cassette;
  /**
   * Awaited before every call with the provider's name: a batch shares one rate limit between all
   * its runs through it. Absent: calls go out at once.
   */
  gate?: (provider: string) => Promise<void>;
  /** The run's LLM budget (calls, tokens, calls per minute); absent: unlimited. */
  budget?: LlmBudget;
  /** The run tree's cost and cost cap (shared with nested runs); absent: calls are not priced. */
  cost?: RunCost;
  /** Told about every request once it ended (the run's trace). */
  onCall?: (call: LlmCallRecord) => void;
}

/** The LLM capability of one run. */
export class LlmService {
  private readonly endpoints: ProviderEndpoint[];
  private readonly providers = new Map<string, LlmProvider>();
  private readonly meter = new UsageMeter();
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private current: string;
  private model: string | undefined;
  private notice: string | undefined;
  private readonly cassette: Cassette | undefined;
  private readonly gate: ((provider: string) => Promise<void>) | undefined;
  private readonly budget: LlmBudget | undefined;
  private readonly cost: RunCost | undefined;
  private readonly onCall: ((call: LlmCallRecord) => void) | undefined;

  constructor(options: LlmServiceOptions = {}) {
    const settings = options.settings ?? {};
    this.endpoints = resolveEndpoints(settings, options.env ?? {});
    this.timeoutMs = Math.max(1, Math.round((settings.llm?.request_timeout ?? 60) * 1000));
    this.retry = { ...DEFAULT_RETRY, ...options.backoff, retries: Math.max(0, settings.llm?.retries ?? DEFAULT_RETRY.retries) };
    this.now = options.now ?? Date.now;
    this.cassette = options.cassette;
    this.gate = options.gate;
    this.budget = options.budget;
    this.cost = options.cost;
    this.onCall = options.onCall;
    const explicit = settings.provider?.trim();
    if (explicit) {
      this.current = this.checkChoice(explicit);
    } else {
      this.current = this.endpoints.find((e) => e.available)?.name ?? MOCK_PROVIDER;
      if (this.current === MOCK_PROVIDER) this.notice = MOCK_FALLBACK_NOTICE;
    }
    this.model = settings.model?.trim() || undefined;
  }

  /** The fallback notice, once (then undefined): the caller prints it to stderr. */
  takeNotice(): string | undefined {
    const notice = this.notice;
    this.notice = undefined;
    return notice;
  }

  /** One chat completion (tool calls included) with the current provider. */
  chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    return this.metered(request, (provider, req) => provider.chat(req, signal));
  }

  /** A streamed completion: `onChunk` receives each content piece; resolves with the whole result. */
  stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult> {
    return this.metered(request, (provider, req) => provider.stream(req, onChunk, signal));
  }

  /** Model ids the current provider offers. */
  listModels(signal?: AbortSignal): Promise<string[]> {
    return this.provider().listModels(signal);
  }

  /** Every known provider (built-ins, custom servers, mock) with availability; never the keys. */
  listProviders(): LlmProviderInfo[] {
    const infos: LlmProviderInfo[] = this.endpoints.map((e) => ({
      name: e.name,
      kind: 'openai-compatible',
      model: e.name === this.current ? this.currentModel() : e.model,
      available: e.available,
      current: e.name === this.current,
    }));
    const mockCurrent = this.current === MOCK_PROVIDER;
    infos.push({ name: MOCK_PROVIDER, kind: 'mock', model: mockCurrent ? this.currentModel() : 'mock-model', available: true, current: mockCurrent });
    return infos;
  }

  /** The current provider and the model its calls use by default. */
  currentProvider(): { name: string; model: string } {
    return { name: this.current, model: this.currentModel() };
  }

  /** Switches provider (and optionally model). Throws `LlmError` for an unknown or unconfigured one. */
  setProvider(name: string, model?: string): void {
    this.current = this.checkChoice(name.trim());
    this.model = model?.trim() || undefined;
  }

  /** Usage of every finished call so far, with totals. */
  usage(): LlmUsageReport {
    return this.meter.report();
  }

  private currentModel(): string {
    return this.model ?? this.provider().defaultModel;
  }

  private checkChoice(name: string): string {
    if (name === MOCK_PROVIDER) return name;
    const endpoint = this.endpoints.find((e) => e.name === name);
    const known = [...this.endpoints.map((e) => e.name), MOCK_PROVIDER].join(', ');
    if (!endpoint) throw new LlmError(`unknown LLM provider '${name}'; known providers: ${known}`, 'config', name);
    if (!endpoint.available) {
      const builtin = BUILTIN_PROVIDERS.find((b) => b.name === name);
      const need = name === 'ollama' ? 'OLLAMA_HOST' : builtin?.keyVar ? builtin.keyVar : 'its base_url';
      const ready = [...this.endpoints.filter((e) => e.available).map((e) => e.name), MOCK_PROVIDER].join(', ');
      throw new LlmError(`LLM provider '${name}' is not configured (set ${need}); available providers: ${ready}`, 'config', name);
    }
    return name;
  }

  private provider(): LlmProvider {
    const name = this.current;
    let provider = this.providers.get(name);
    if (!provider) {
      const endpoint = this.endpoints.find((e) => e.name === name);
      provider = endpoint
        ? new OpenAiCompatibleProvider({ endpoint, timeoutMs: this.timeoutMs, retry: this.retry })
        : new MockProvider();
      if (this.cassette) provider = this.cassette.wrap(provider);
      this.providers.set(name, provider);
    }
    return provider;
  }

  private async metered(request: LlmRequest, call: (p: LlmProvider, r: LlmRequest) => Promise<LlmResult>): Promise<LlmResult> {
    const provider = this.provider();
    const name = this.current;
    const model = request.model ?? this.model ?? provider.defaultModel;
    const startedAt = Date.now();
    const started = this.now();
    const failed = (error: unknown) =>
      this.report({ provider: name, model, inputTokens: 0, outputTokens: 0, durationMs: this.now() - started, startedAt, ok: false, error: error instanceof Error ? error.message : String(error), cost: 0, priced: false, totalCost: this.cost?.total ?? 0 });
    try {
      // before anything leaves: a spent budget or cost cap sends nothing
      this.cost?.check(name, model, promptTokens(request));
      this.budget?.take(name);
      if (this.gate) await this.gate(name);
    } catch (error) {
      failed(error);
      throw error;
    }
    let result: LlmResult;
    try {
      result = await call(provider, { ...request, model });
    } catch (error) {
      failed(error);
      throw error;
    }
    const { promptTokens: input, completionTokens: output, totalTokens } = result.usage;
    const durationMs = this.now() - started;
    this.budget?.spend(name, totalTokens);
    const priced = this.cost?.add(name, result.model, input, output) ?? { cost: 0, priced: false, total: 0 };
    this.meter.record({ provider: result.provider, model: result.model, promptTokens: input, completionTokens: output, totalTokens, durationMs, cost: priced.cost });
    this.report({ provider: result.provider, model: result.model, inputTokens: input, outputTokens: output, durationMs, startedAt, ok: true, cost: priced.cost, priced: priced.priced, totalCost: priced.total });
    return result;
  }

  private report(record: LlmCallRecord): void {
    try {
      this.onCall?.(record);
    } catch {
      // A consumer's bug must not fail the call.
    }
  }
}

/** The prompt's tokens as estimated before sending (the cost cap's look ahead). */
function promptTokens(request: LlmRequest): number {
  let chars = request.system?.length ?? 0;
  for (const m of request.messages) chars += m.content.length;
  return Math.ceil(chars / 4); // as estimateTokens counts, without joining the texts
}

/** Builds the LLM service of one run. Throws `LlmError` when `settings.provider` names an unknown one. */
export function createLlmService(options: LlmServiceOptions = {}): LlmService {
  return new LlmService(options);
}
