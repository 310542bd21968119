/** The `http_request` tool: the `http.request` bridge call as a tool, under the same network policy. */
import { guardedRequest, MAX_TIMEOUT_SECONDS } from '../../security/guarded-http';
import { HTTP_METHODS, toRequestInput } from '../../security/http-request-input';
import { networkOf } from '../../security/run-capabilities';
import { defineTool } from '../tool-types';

type Params = { url: string; method?: string; headers?: Record<string, string>; body?: string; timeout?: number };

/** Sends an HTTP request; returns `{status, headers, body, url}`. */
export const httpRequest = defineTool<Params>({
  name: 'http_request',
  description: "Sends an HTTP request and returns {status, headers, body, url}. 'method' defaults to GET; 'body' is text (content-type text/plain unless a header says otherwise); 'timeout' in seconds.",
  parameters: {
    type: 'object',
    properties: {
      url: { type: 'string', minLength: 1 },
      method: { type: 'string', enum: [...HTTP_METHODS] },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      body: { type: 'string' },
      timeout: { type: 'number', exclusiveMinimum: 0, maximum: MAX_TIMEOUT_SECONDS },
    },
    required: ['url'],
    additionalProperties: false,
  },
  run: (p, ctx) => guardedRequest(networkOf(ctx), toRequestInput(p), ctx.signal),
});
