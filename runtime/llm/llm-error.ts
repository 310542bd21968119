/**
 * `LlmError`: every failure of the LLM service, with a message naming the provider and the cause
 * (`openai: HTTP 429: Rate limit reached`), and the translation of the openai SDK's errors into it.
 */
import type * as OpenAiSdk from 'openai';

/** Why a call failed, for callers that branch on it (retry, report). */
export type LlmErrorKind = 'http' | 'timeout' | 'cancelled' | 'network' | 'malformed' | 'config' | 'invalid' | 'budget' | 'cost';

/** An LLM failure. The message never contains an API key. */
export class LlmError extends Error {
  /** Set when a retryable failure must not be retried (a stream that already showed text). */
  noRetry = false;

  constructor(
    message: string,
    readonly kind: LlmErrorKind,
    readonly provider: string,
    readonly status?: number,
    /** Milliseconds the server asked us to wait (Retry-After), when it said so. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }

  /** Worth another attempt: rate limits, server errors, network failures, timeouts. */
  get retryable(): boolean {
    if (this.noRetry) return false;
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.kind === 'http' && this.status !== undefined && (this.status === 408 || this.status === 409 || this.status === 429 || this.status >= 500);
  }
}

/** Context needed to word an error: which provider, and which timeout was in force. */
export interface ErrorContext {
  provider: string;
  timeoutMs: number;
  /** Why our own controller aborted the request, if it did. */
  abortReason?: 'timeout' | 'cancelled';
  /** Secrets to scrub from any text that reaches the message. */
  secrets?: string[];
  /** The openai SDK module, for its error classes (loaded on a provider's first call, not at start). */
  sdk?: typeof OpenAiSdk;
}

/** Formats a timeout for messages: whole seconds when possible (`60s`), else milliseconds. */
export function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function scrub(text: string, secrets: string[] = []): string {
  // why: provider error bodies sometimes echo the key ("Incorrect API key provided: sk-..."); never pass it on
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out.replace(/\b(sk|key|rk)-[A-Za-z0-9_-]{8,}/g, '$1-***');
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) return ms;
  const seconds = Number.parseFloat(headers?.get('retry-after') ?? '');
  return Number.isNaN(seconds) ? undefined : seconds * 1000;
}

/** Turns anything thrown by the SDK (or our own code) into an `LlmError`. */
export function toLlmError(err: unknown, ctx: ErrorContext): LlmError {
  if (err instanceof LlmError) return err;
  const { provider } = ctx;
  const sdk = ctx.sdk;
  if (ctx.abortReason === 'timeout' || (sdk !== undefined && err instanceof sdk.APIConnectionTimeoutError)) {
    return new LlmError(`${provider}: request timed out after ${formatTimeout(ctx.timeoutMs)}`, 'timeout', provider);
  }
  if (ctx.abortReason === 'cancelled' || (sdk !== undefined && err instanceof sdk.APIUserAbortError)) {
    return new LlmError(`${provider}: cancelled`, 'cancelled', provider);
  }
  if (sdk !== undefined && err instanceof sdk.APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return new LlmError(scrub(`${provider}: connection failed (${err.message}${cause})`, ctx.secrets), 'network', provider);
  }
  if (sdk !== undefined && err instanceof sdk.APIError && err.status !== undefined) {
    const body = err.error as { message?: unknown } | undefined;
    const detail = typeof body?.message === 'string' ? body.message : err.message.replace(/^\d+\s*/, '');
    const text = scrub(`${provider}: HTTP ${err.status}: ${detail || 'no details'}`, ctx.secrets);
    return new LlmError(text, 'http', provider, err.status, retryAfter(err.headers));
  }
  if (sdk !== undefined && err instanceof sdk.APIError) {
    // an error event inside a stream: the server reported a failure without an HTTP status; not retried
    return new LlmError(scrub(`${provider}: ${err.message}`, ctx.secrets), 'http', provider);
  }
  if (err instanceof SyntaxError) {
    return new LlmError(`${provider}: malformed response from the server (${err.message})`, 'malformed', provider);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LlmError(scrub(`${provider}: ${message}`, ctx.secrets), 'network', provider);
}
