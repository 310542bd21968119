import { describe, expect, it } from 'vitest';
import { fieldsFrom, initialValues, toInputValue, validateForm } from '../../renderer/state/params-form';

const fields = fieldsFrom([
  { name: 'name', type: 'string', description: 'Who', default: 'world' },
  { name: 'count', type: 'integer', required: true, min: 1, max: 5 },
  { name: 'loud', type: 'boolean', default: false },
  { name: 'mode', type: 'string', enum: ['short', 'long'] },
  { name: 'tags', type: 'array' },
  { name: 'ratio', type: 'number' },
  { type: 'string' },
]);

describe('parameters form', () => {
  it('reads declarations, dropping nameless ones and unknown types', () => {
    expect(fields.map((f) => f.name)).toEqual(['name', 'count', 'loud', 'mode', 'tags', 'ratio']);
    expect(fieldsFrom([{ name: 'x', type: 'weird' }])[0]!.type).toBe('string');
  });

  it('starts from defaults, or from given values', () => {
    expect(initialValues(fields)).toEqual({ name: 'world', count: '', loud: false, mode: '', tags: '', ratio: '' });
    expect(initialValues(fields, { count: 3, tags: ['a'], loud: true })).toMatchObject({ count: '3', tags: '["a"]', loud: true });
    expect(toInputValue(fields[0]!, null)).toBe('');
  });

  it('types valid values and leaves out empty optional fields', () => {
    const result = validateForm(fields, { ...initialValues(fields), count: '3', tags: '["a","b"]', ratio: '0.5', mode: 'long', loud: true });
    expect(result).toEqual({ ok: true, params: { name: 'world', count: 3, loud: true, mode: 'long', tags: ['a', 'b'], ratio: 0.5 } });
  });

  it('reports each invalid field with the shared checks', () => {
    const result = validateForm(fields, { ...initialValues(fields), count: '9', tags: '[a', ratio: 'abc', mode: 'medium' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.count).toMatch(/at most 5/);
    expect(result.errors.tags).toMatch(/expected a list/);
    expect(result.errors.ratio).toMatch(/expected a number/);
    expect(result.errors.mode).toMatch(/one of short\|long/);
    expect(result.errors.name).toBeUndefined();
  });

  it('takes a list as a,b,c as well as JSON, like the command line', () => {
    const result = validateForm(fields, { ...initialValues(fields), count: '2', tags: 'a, b' });
    expect(result).toMatchObject({ ok: true, params: { tags: ['a', 'b'] } });
  });

  it('requires a required field without a default', () => {
    const result = validateForm(fields, initialValues(fields));
    expect(result).toEqual({ ok: false, errors: { count: 'required' } });
  });
});
