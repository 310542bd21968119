import { describe, expect, it } from 'vitest';
import { isBoundedCheck } from '../../../runtime/tools/bounded-schema';

describe('bounded schemas (checked on the host thread)', () => {
  it('accepts typed objects with one-pass keywords', () => {
    const schema = { type: 'object', required: ['a'], additionalProperties: false, properties: { a: { type: 'string', maxLength: 5, enum: ['x'] }, b: { type: 'array', items: { type: 'integer', minimum: 0 } } } };
    expect(isBoundedCheck(schema, { a: 'x', b: [1] }, true)).toBe(true);
    expect(isBoundedCheck(true, 1, true)).toBe(true);
  });

  it.each([
    ['a pattern', { type: 'string', pattern: '^(a+)+$' }],
    ['patternProperties', { patternProperties: { '^a': {} } }],
    ['a format', { type: 'string', format: 'email' }],
    ['anyOf', { anyOf: [{ type: 'string' }] }],
    ['a reference', { $defs: { a: {} }, $ref: '#/$defs/a' }],
    ['uniqueItems', { type: 'array', uniqueItems: true }],
    ['a nested pattern', { properties: { a: { items: { pattern: 'x' } } } }],
    ['tuple items', { items: [{ type: 'string' }] }],
  ])('sends %s to the worker', (_name, schema) => {
    expect(isBoundedCheck(schema, 'x', true)).toBe(false);
  });

  it('sends large schemas, large values and deep nesting to the worker', () => {
    expect(isBoundedCheck({ type: 'object', description: 'x'.repeat(20_000) }, {}, true)).toBe(false);
    expect(isBoundedCheck({ type: 'string' }, 'x'.repeat(100_000), true)).toBe(false);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 20; i++) deep = { type: 'object', properties: { a: deep } };
    expect(isBoundedCheck(deep, {}, true)).toBe(false);
  });
});
