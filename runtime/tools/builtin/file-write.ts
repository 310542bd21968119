/** The `file_write` tool: writes a text file inside the storage folder (atomic, size-capped). */
import { storageOf } from '../../security/run-capabilities';
import { defineTool } from '../tool-types';

/** Writes (replaces) a file in the run's storage folder; returns the path and the byte count. */
export const fileWrite = defineTool<{ path: string; content: string }>({
  name: 'file_write',
  description: "Writes 'content' to a text file in the spell storage folder, replacing it. 'path' is relative, like notes/today.txt.",
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', minLength: 1 }, content: { type: 'string' } },
    required: ['path', 'content'],
    additionalProperties: false,
  },
  run: async ({ path, content }, ctx) => {
    await storageOf(ctx).write(path, content);
    return { path, bytes: Buffer.byteLength(content, 'utf8') };
  },
});
