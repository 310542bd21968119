/** The `web_fetch` tool: GET a URL under the run's network policy and return its text. */
import { guardedRequest, MAX_TIMEOUT_SECONDS } from '../../security/guarded-http';
import { networkOf } from '../../security/run-capabilities';
import { htmlToText } from '../html-text';
import { defineTool } from '../tool-types';

const DEFAULT_MAX_CHARS = 100_000;

/** Fetches a page: HTML is reduced to its visible text, other types returned as is, cut at `max_chars`. */
export const webFetch = defineTool<{ url: string; max_chars?: number; timeout?: number }>({
  name: 'web_fetch',
  description: `Fetches a web page or document with GET and returns its text as 'content' (HTML reduced to visible text), the final URL, status and content type. 'max_chars' cuts the content (default ${DEFAULT_MAX_CHARS}).`,
  parameters: {
    type: 'object',
    properties: {
      url: { type: 'string', minLength: 1 },
      max_chars: { type: 'integer', minimum: 1, maximum: 5_000_000 },
      timeout: { type: 'number', exclusiveMinimum: 0, maximum: MAX_TIMEOUT_SECONDS },
    },
    required: ['url'],
    additionalProperties: false,
  },
  run: async ({ url, max_chars: maxChars = DEFAULT_MAX_CHARS, timeout }, ctx) => {
    const headers = { accept: 'text/html, text/plain;q=0.9, application/json;q=0.9, */*;q=0.5' };
    const res = await guardedRequest(networkOf(ctx), { url, method: 'GET', headers, timeout }, ctx.signal);
    const contentType = res.headers['content-type'] ?? '';
    const text = /html/i.test(contentType) ? htmlToText(res.body) : res.body;
    // `content`, as go-llmspell's web_fetch named it (spells read `result.content`).
    return { url: res.url, status: res.status, content_type: contentType, content: text.slice(0, maxChars), truncated: text.length > maxChars };
  },
});
