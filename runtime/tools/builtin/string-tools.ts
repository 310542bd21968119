/** The `string_tools` tool: common text operations chosen by `operation`. Lengths count characters (code points). */
import { defineTool } from '../tool-types';

const OPERATIONS = ['upper', 'lower', 'trim', 'length', 'reverse', 'split', 'replace', 'contains', 'starts_with', 'ends_with', 'substring', 'repeat', 'capitalize', 'word_count'] as const;
/** Longest text a result may have, in characters. */
const MAX_RESULT = 1_000_000;

type Params = { operation: (typeof OPERATIONS)[number]; text: string; search?: string; replacement?: string; separator?: string; start?: number; end?: number; count?: number };

function needs<K extends keyof Params>(p: Params, key: K): NonNullable<Params[K]> {
  const value = p[key];
  if (value === undefined) throw new Error(`operation '${p.operation}' needs parameter '${key}'`);
  return value as NonNullable<Params[K]>;
}

/** Text operations: upper, lower, trim, length, reverse, split, replace, contains, ... */
export const stringTools = defineTool<Params>({
  name: 'string_tools',
  description: `Text operations. operation: ${OPERATIONS.join(', ')}. split uses 'separator'; replace uses 'search' and 'replacement' (literal, every occurrence); contains/starts_with/ends_with use 'search'; substring uses 'start' and optional 'end' (0-based, negative counts from the end); repeat uses 'count'.`,
  parameters: {
    type: 'object',
    properties: {
      operation: { type: 'string', enum: [...OPERATIONS] },
      text: { type: 'string', maxLength: MAX_RESULT },
      search: { type: 'string' },
      replacement: { type: 'string' },
      separator: { type: 'string' },
      start: { type: 'integer' },
      end: { type: 'integer' },
      count: { type: 'integer', minimum: 0, maximum: 10_000 },
    },
    required: ['operation', 'text'],
    additionalProperties: false,
  },
  run: (p) => {
    const { text } = p;
    const chars = () => [...text];
    switch (p.operation) {
      case 'upper':
        return text.toUpperCase();
      case 'lower':
        return text.toLowerCase();
      case 'trim':
        return text.trim();
      case 'length':
        return chars().length;
      case 'reverse':
        return chars().reverse().join('');
      case 'split':
        return text.split(needs(p, 'separator'));
      case 'replace': {
        const search = needs(p, 'search');
        if (search === '') throw new Error("'search' must not be empty for replace");
        const out = text.split(search).join(needs(p, 'replacement'));
        if (out.length > MAX_RESULT) throw new Error(`the result would be longer than ${MAX_RESULT} characters`);
        return out;
      }
      case 'contains':
        return text.includes(needs(p, 'search'));
      case 'starts_with':
        return text.startsWith(needs(p, 'search'));
      case 'ends_with':
        return text.endsWith(needs(p, 'search'));
      case 'substring':
        return chars().slice(needs(p, 'start'), p.end).join('');
      case 'repeat': {
        const count = needs(p, 'count');
        if (text.length * count > MAX_RESULT) throw new Error(`the result would be longer than ${MAX_RESULT} characters`);
        return text.repeat(count);
      }
      case 'capitalize':
        return text.charAt(0).toUpperCase() + text.slice(1);
      case 'word_count':
        return text.split(/\s+/).filter((w) => w !== '').length;
    }
  },
});
