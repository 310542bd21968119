/** The `hash` tool: md5, sha1, sha256 or sha512 of a text's UTF-8 bytes, in hex or base64. */
import { createHash } from 'node:crypto';
import { defineTool } from '../tool-types';

type Params = { text: string; algorithm?: 'md5' | 'sha1' | 'sha256' | 'sha512'; encoding?: 'hex' | 'base64' };

/** The digest of `text` (UTF-8). md5 and sha1 are for checksums, not security. */
export const hash = defineTool<Params>({
  name: 'hash',
  description: "Hashes 'text' (UTF-8) with 'algorithm' md5, sha1, sha256 (default) or sha512; returns hex (default) or base64.",
  parameters: {
    type: 'object',
    properties: {
      text: { type: 'string' },
      algorithm: { type: 'string', enum: ['md5', 'sha1', 'sha256', 'sha512'], default: 'sha256' },
      encoding: { type: 'string', enum: ['hex', 'base64'], default: 'hex' },
    },
    required: ['text'],
    additionalProperties: false,
  },
  run: ({ text, algorithm = 'sha256', encoding = 'hex' }) => createHash(algorithm).update(text, 'utf8').digest(encoding),
});
