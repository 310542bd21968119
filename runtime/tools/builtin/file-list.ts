/** The `file_list` tool: lists files in the storage folder, optionally by glob pattern. */
import { storageOf } from '../../security/run-capabilities';
import { defineTool } from '../tool-types';

/** Sorted relative paths of the storage folder's files matching `pattern`. */
export const fileList = defineTool<{ pattern?: string }>({
  name: 'file_list',
  description: "Lists files in the spell storage folder, sorted. 'pattern': * and ? match within a folder name, ** across folders (default: every file).",
  parameters: { type: 'object', properties: { pattern: { type: 'string', minLength: 1 } }, additionalProperties: false },
  run: ({ pattern }, ctx) => storageOf(ctx).list(pattern),
});
