/**
 * A request as a spell or a tool writes it (a table body, headers that may lack a content type),
 * turned into what the guarded client sends.
 */
import type { HttpRequestInput } from './guarded-http';

/** HTTP methods a spell may use. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** A request as written: the body may be text or a table (sent as JSON). */
export interface HttpRequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Record<string, unknown> | unknown[];
  timeout?: number;
}

/** Builds the request input; a table body is sent as JSON unless a content type says otherwise. */
export function toRequestInput(r: HttpRequestSpec, contentType?: string): HttpRequestInput {
  const headers = { ...r.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  const isText = typeof r.body === 'string';
  if (r.body !== undefined && !hasType) headers['content-type'] = contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/json');
  const body = r.body === undefined || isText ? (r.body as string | undefined) : JSON.stringify(r.body);
  return { url: r.url, method: r.method, headers, body, timeout: r.timeout };
}
