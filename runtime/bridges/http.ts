/**
 * The `http` bridge, host side: `http.request`, `http.get`, `http.post`. Every request goes through
 * the run's network policy (runtime/security/network-policy.ts) and its guarded client.
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { guardedRequest, MAX_TIMEOUT_SECONDS, type HttpRequestInput, type HttpResult } from '../security/guarded-http';
import { HTTP_METHODS, toRequestInput } from '../security/http-request-input';
import { networkOf } from '../security/run-capabilities';
import { argument } from './bridge-args';
import { BridgeError, type BridgeCallContext, type BridgeHandlers } from './types';

/** An empty Lua table may arrive as an empty list; it means an empty mapping here. */
const emptyListAsTable = (v: unknown) => (Array.isArray(v) && v.length === 0 ? {} : v);

const Url = z.string({ error: 'a URL string' });
const Method = z
  .string({ error: `one of ${HTTP_METHODS.join(', ')}` })
  .transform((m) => m.toUpperCase())
  .refine((m) => (HTTP_METHODS as readonly string[]).includes(m), { error: `one of ${HTTP_METHODS.join(', ')}` });
const Headers = z.preprocess(emptyListAsTable, z.record(z.string(), z.string({ error: 'a string' }), { error: 'a table of header strings' }));
/** A body: text as is, a table as JSON. */
const Body = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'a string or a table' });
const Timeout = z
  .number({ error: `a number of seconds up to ${MAX_TIMEOUT_SECONDS}` })
  .positive({ error: `a number of seconds up to ${MAX_TIMEOUT_SECONDS}` })
  .max(MAX_TIMEOUT_SECONDS, { error: `a number of seconds up to ${MAX_TIMEOUT_SECONDS}` });
const Request = z.strictObject(
  { url: Url, method: Method.optional(), headers: Headers.optional(), body: Body.optional(), timeout: Timeout.optional() },
  { error: 'a table {url, method?, headers?, body?, timeout?}' },
);
const GetOptions = z.preprocess(emptyListAsTable, z.strictObject({ headers: Headers.optional(), timeout: Timeout.optional() }, { error: 'a table {headers?, timeout?}' })).optional();
const ContentType = z.string({ error: 'a content type string' }).optional();

/** A response as spells get it: the guarded client's result plus the status's reason phrase. */
export type HttpResponse = HttpResult & { status_text: string };

/**
 * Runs the request; policy and transport errors become `BridgeError`s with the same message. The reason
 * phrase is the standard one for the code: go-llmspell's Lua `http.get` error reads "HTTP 404: 404 Not Found".
 */
export async function send(input: HttpRequestInput, ctx: BridgeCallContext): Promise<HttpResponse> {
  try {
    const result = await guardedRequest(networkOf(ctx), input, ctx.signal);
    return { ...result, status_text: STATUS_CODES[result.status] ?? '' };
  } catch (err) {
    throw err instanceof BridgeError ? err : new BridgeError((err as Error).message, 'http_error');
  }
}

/** Handlers of the `http` bridge, keyed by method name. */
export const httpHandlers: BridgeHandlers = {
  /** `http.request({url, method?, headers?, body?, timeout?})` → `{status, status_text, body, headers, url}`. */
  'http.request': async (args, ctx) => send(toRequestInput(argument('http.request', args, 0, 'request', Request)), ctx),

  /** `http.get(url, {headers?, timeout?}?)` → `{status, status_text, body, headers, url}`. */
  'http.get': async (args, ctx) => {
    const url = argument('http.get', args, 0, 'url', Url);
    return send(toRequestInput({ url, ...argument('http.get', args, 1, 'options', GetOptions) }), ctx);
  },

  /** `http.post(url, body, content_type?)` → `{status, status_text, body, headers, url}`; a table body is sent as JSON. */
  'http.post': async (args, ctx) => {
    const url = argument('http.post', args, 0, 'url', Url);
    const body = argument('http.post', args, 1, 'body', Body);
    return send(toRequestInput({ url, method: 'POST', body }, argument('http.post', args, 2, 'content_type', ContentType)), ctx);
  },
};
