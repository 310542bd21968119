/** The `calculator` tool: safe arithmetic (no eval), see runtime/tools/expression.ts. */
import { evaluate, MAX_EXPRESSION_LENGTH } from '../expression';
import { defineTool } from '../tool-types';

/** Evaluates an arithmetic expression and returns the number. */
export const calculator = defineTool<{ expression: string }>({
  name: 'calculator',
  description:
    'Evaluates an arithmetic expression and returns the number. Supports + - * / % ^ (power, right-associative), parentheses, ' +
    'unary minus, the functions sqrt abs min max round floor ceil log exp sin cos tan, and the constants pi and e.',
  parameters: {
    type: 'object',
    properties: { expression: { type: 'string', minLength: 1, maxLength: MAX_EXPRESSION_LENGTH, description: 'For example "2 * (3 + 4) ^ 2"' } },
    required: ['expression'],
    additionalProperties: false,
  },
  run: ({ expression }) => evaluate(expression),
});
