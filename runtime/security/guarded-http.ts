/**
 * The http client of spells and tools: every hop (the first URL and each redirect) goes through the
 * network policy and connects to the address it checked; redirects are followed by hand (at most 5),
 * with a whole-exchange timeout and cancellation by the run's signal.
 */
import type { NetworkPolicy } from './network-policy';
import { sendPinned } from './pinned-request';

/** A request as a spell describes it. */
export interface HttpRequestInput {
  url: string;
  /** Upper-case method; GET by default. */
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Seconds for the whole exchange, redirects included; default 30, at most 120. */
  timeout?: number;
}

/** The final response; `url` is where it came from after redirects. */
export interface HttpResult {
  status: number;
  body: string;
  headers: Record<string, string>;
  url: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 120;
export const MAX_REDIRECTS = 5;

/** Headers a spell may not set: they would re-route the request (host) or break framing (smuggling). */
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect']);
/** Credentials that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks header names and values; throws naming the offending header. */
export function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) throw new Error(`http: '${name}' is not a valid header name`);
    if (FORBIDDEN_HEADERS.has(name.toLowerCase())) throw new Error(`http: header '${name}' cannot be set by a spell`);
    // CR/LF would inject headers of the spell's choosing
    if (/[\r\n\0]/.test(value)) throw new Error(`http: header '${name}' has a line break or NUL in its value`);
  }
}

/** Resolves with `promise`, or rejects as soon as `signal` aborts (for the non-abortable DNS lookup). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Performs the request under `policy` (see the module comment); throws `http: ...` errors. */
export async function guardedRequest(policy: NetworkPolicy, input: HttpRequestInput, signal: AbortSignal): Promise<HttpResult> {
  const seconds = input.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS)) throw new Error(`http: timeout must be between 0 and ${MAX_TIMEOUT_SECONDS} seconds, got ${seconds}`);
  let method = (input.method ?? 'GET').toUpperCase();
  let headers = { ...input.headers };
  checkHeaders(headers);
  let body = input.body === undefined ? undefined : Buffer.from(input.body, 'utf8');
  let current = input.url;
  let host = URL.canParse(current) ? new URL(current).hostname : current;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort('timeout'), seconds * 1000);
  const cancel = () => controller.abort('cancelled');
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (let hop = 0; ; hop++) {
      const target = await untilAborted(policy.resolve(current), controller.signal); // each hop re-checked
      host = target.host;
      const res = await sendPinned(target, { method, headers, body }, controller.signal, policy.maxResponseBytes);
      const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined;
      if (!location) return { ...res, url: target.url.href };
      if (hop >= MAX_REDIRECTS) throw new Error(`http: too many redirects (more than ${MAX_REDIRECTS}), the last one from '${target.url.href}'`);
      let next: URL;
      try {
        next = new URL(location, target.url);
      } catch {
        throw new Error(`http: '${target.url.href}' redirects to an invalid URL '${location}'`);
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([n]) => n.toLowerCase() !== 'content-type'));
      }
      // a token for one site is not handed to the next
      if (next.origin !== target.url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([n]) => !CREDENTIAL_HEADERS.has(n.toLowerCase())));
      current = next.href;
    }
  } catch (err) {
    if (controller.signal.aborted) {
      throw new Error(controller.signal.reason === 'timeout' ? `http: request to '${host}' timed out after ${seconds} s` : `http: request to '${host}' was cancelled`);
    }
    const e = err as NodeJS.ErrnoException;
    if (e.message.startsWith('http:')) throw e;
    throw new Error(`http: request to '${host}' failed (${e.code ?? e.message})`);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', cancel);
  }
}
