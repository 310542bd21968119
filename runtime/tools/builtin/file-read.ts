/** The `file_read` tool: reads a text file inside the storage folder (the storage jail). */
import { storageOf } from '../../security/run-capabilities';
import { defineTool } from '../tool-types';

/** The text of a file in the run's storage folder. */
export const fileRead = defineTool<{ path: string }>({
  name: 'file_read',
  description: "Reads a text file from the spell storage folder. 'path' is relative, like notes/today.txt.",
  parameters: { type: 'object', properties: { path: { type: 'string', minLength: 1 } }, required: ['path'], additionalProperties: false },
  run: ({ path }, ctx) => storageOf(ctx).read(path),
});
