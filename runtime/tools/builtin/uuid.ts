/** The `uuid` tool: random (version 4) UUIDs from the crypto generator. */
import { randomUUID } from 'node:crypto';
import { defineTool } from '../tool-types';

/** One UUID, or a list of `count` UUIDs. */
export const uuid = defineTool<{ count?: number }>({
  name: 'uuid',
  description: "Generates a random version 4 UUID; with 'count', a list of that many.",
  parameters: { type: 'object', properties: { count: { type: 'integer', minimum: 1, maximum: 100 } }, additionalProperties: false },
  run: ({ count }) => (count === undefined ? randomUUID() : Array.from({ length: count }, () => randomUUID())),
});
