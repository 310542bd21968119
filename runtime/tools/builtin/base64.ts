/** The `base64` tool: encode UTF-8 text, or decode base64 (standard or URL-safe) back to text. */
import { defineTool } from '../tool-types';

type Params = { operation: 'encode' | 'decode'; text: string; url_safe?: boolean };

/** Encodes or decodes base64; decoding is strict (Buffer.from alone would skip bad characters silently). */
export const base64 = defineTool<Params>({
  name: 'base64',
  description: "Encodes 'text' (UTF-8) as base64, or decodes base64 to text. 'url_safe' uses the - and _ alphabet without padding.",
  parameters: {
    type: 'object',
    properties: { operation: { type: 'string', enum: ['encode', 'decode'] }, text: { type: 'string', maxLength: 10_000_000 }, url_safe: { type: 'boolean', default: false } },
    required: ['operation', 'text'],
    additionalProperties: false,
  },
  run: ({ operation, text, url_safe: urlSafe = false }) => {
    const encoding = urlSafe ? 'base64url' : 'base64';
    if (operation === 'encode') return Buffer.from(text, 'utf8').toString(encoding);
    const compact = text.replace(/\s+/g, '');
    const alphabet = urlSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
    if (!alphabet.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) throw new Error(`'text' is not valid ${urlSafe ? 'URL-safe ' : ''}base64`);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, encoding));
    } catch {
      throw new Error('the decoded bytes are not UTF-8 text');
    }
  },
});
