/**
 * A provider over the real `openai` SDK, for any OpenAI-compatible endpoint (OpenAI, Anthropic, Gemini,
 * Ollama, OpenRouter, custom servers). Adds our own timeout, retries and error wording around it.
 */
import type OpenAI from 'openai';
import type * as OpenAiSdk from 'openai';
import { startAttempt, withRetries, type Attempt, type RetryPolicy } from './attempts';
import { toLlmError } from './llm-error';
import { StreamAccumulator, toChatParams, toToolCalls, toUsage } from './openai-wire';
import type { ProviderEndpoint } from './provider-catalog';
import type { LlmProvider, LlmRequest, LlmResult } from './types';

/** How the provider talks to its endpoint. */
export interface OpenAiProviderOptions {
  endpoint: ProviderEndpoint;
  /** Per-attempt timeout in ms (streams: until the first byte and between chunks). */
  timeoutMs: number;
  retry: RetryPolicy;
}

/** An OpenAI-compatible endpoint served through the SDK. */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name: string;
  readonly defaultModel: string;
  private clientPromise: Promise<OpenAI> | undefined;
  private sdk: typeof OpenAiSdk | undefined;
  private readonly secrets: string[];

  constructor(private readonly options: OpenAiProviderOptions) {
    const { endpoint } = options;
    this.name = endpoint.name;
    this.defaultModel = endpoint.model;
    this.secrets = endpoint.apiKey ? [endpoint.apiKey] : [];
  }

  /**
   * The SDK client, made on the first call: loading the openai package costs start time that a run
   * which never calls a real provider should not pay.
   */
  private client(): Promise<OpenAI> {
    const { endpoint } = this.options;
    this.clientPromise ??= import('openai').then((sdk) => {
      this.sdk = sdk;
      return new sdk.default({
        // why: a placeholder rather than undefined, else the SDK reads OPENAI_API_KEY from process.env and
        // would send the OpenAI key to whatever endpoint this is (keyless servers such as Ollama ignore it)
        apiKey: endpoint.apiKey ?? 'no-key',
        baseURL: endpoint.baseUrl,
        // why: explicit nulls keep the SDK from picking up OPENAI_ORG_ID/PROJECT_ID/ADMIN_KEY from the environment
        organization: null,
        project: null,
        adminAPIKey: null,
        webhookSecret: null,
        maxRetries: 0, // we retry ourselves: abortable backoff, and streams are not retried once text was shown
        timeout: this.options.timeoutMs,
        logLevel: 'off', // why: the SDK logs raw stream data on parse errors; keep model output off stderr
      });
    });
    return this.clientPromise;
  }

  private errorContext(reason?: 'timeout' | 'cancelled') {
    return { provider: this.name, timeoutMs: this.options.timeoutMs, abortReason: reason, secrets: this.secrets, sdk: this.sdk };
  }

  /** One attempt-controlled call, retried per policy; `body` gets the attempt's signal. */
  private run<T>(signal: AbortSignal | undefined, body: (attempt: Attempt) => Promise<T>, canRetry = () => true): Promise<T> {
    return withRetries(this.name, this.options.retry, signal, async () => {
      const attempt = startAttempt(this.options.timeoutMs, signal);
      try {
        const result = await body(attempt);
        if (attempt.reason()) throw toLlmError(undefined, this.errorContext(attempt.reason()));
        return result;
      } catch (err) {
        const error = toLlmError(err, this.errorContext(attempt.reason()));
        if (!canRetry() && error.retryable) error.noRetry = true;
        throw error;
      } finally {
        attempt.dispose();
      }
    });
  }

  async chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    const model = request.model ?? this.defaultModel;
    return this.run(signal, async (attempt) => {
      const res = await (await this.client()).chat.completions.create(toChatParams(request, model), { signal: attempt.signal });
      // a proxy or misconfigured base_url can answer 200 with HTML or another object: report it as malformed
      const choice = Array.isArray(res?.choices) ? res.choices[0] : undefined;
      if (!choice) throw new SyntaxError('expected a chat completion with choices');
      const content = choice.message.content ?? '';
      return {
        content,
        toolCalls: toToolCalls(choice.message, request),
        usage: toUsage(res.usage, request, content),
        provider: this.name,
        model: res.model || model,
        finishReason: choice.finish_reason ?? 'stop',
      };
    });
  }

  async stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult> {
    const model = request.model ?? this.defaultModel;
    let shown = false;
    return this.run(
      signal,
      async (attempt) => {
        const params = { ...toChatParams(request, model), stream: true as const, stream_options: { include_usage: true } };
        const chunks = await (await this.client()).chat.completions.create(params, { signal: attempt.signal });
        const acc = new StreamAccumulator();
        // the SDK ends the iteration silently when aborted; `run` checks attempt.reason() afterwards
        for await (const chunk of chunks) {
          attempt.touch();
          const piece = acc.add(chunk);
          if (piece && !attempt.reason()) {
            shown = true;
            onChunk(piece);
          }
        }
        return {
          content: acc.content,
          toolCalls: acc.toolCalls(request),
          usage: toUsage(acc.usage, request, acc.content),
          provider: this.name,
          model: acc.model || model,
          finishReason: acc.finishReason || 'stop',
        };
      },
      () => !shown, // a stream that already showed text is not restarted: the reader would see it twice
    );
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    return this.run(signal, async (attempt) => {
      const ids: string[] = [];
      const client = await this.client();
      for await (const model of client.models.list({ signal: attempt.signal })) ids.push(model.id);
      return ids;
    });
  }
}
