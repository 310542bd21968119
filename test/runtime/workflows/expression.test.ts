import { describe, expect, it } from 'vitest';
import { evaluate, Scope } from '../../../runtime/workflows/expression/evaluate';
import { parseExpression, freeNames } from '../../../runtime/workflows/expression/parse';
import { renderDeep, renderText, renderValue, templateNames } from '../../../runtime/workflows/expression/template';

const scope = new Scope({ topic: 'tides', n: 3, items: ['a', 'b', 'c'], doc: { title: 'T', tags: ['x'] }, empty: '' });

describe('workflow expressions', () => {
  it('computes arithmetic, comparisons and logic with the usual precedence', () => {
    expect(evaluate('1 + 2 * 3', scope)).toBe(7);
    expect(evaluate('(1 + 2) * 3 - -1', scope)).toBe(10);
    expect(evaluate('n > 2 and n < 5', scope)).toBe(true);
    expect(evaluate('n == 3 && !(n != 3)', scope)).toBe(true);
    expect(evaluate('not n > 5 or false', scope)).toBe(true);
    expect(evaluate('empty or "fallback"', scope)).toBe('fallback');
    expect(evaluate('10 % 4', scope)).toBe(2);
  });

  it('reads names, fields and indexes (negative from the end)', () => {
    expect(evaluate('doc.title', scope)).toBe('T');
    expect(evaluate("doc['tags'][0]", scope)).toBe('x');
    expect(evaluate('items[-1]', scope)).toBe('c');
    expect(evaluate('doc.missing', scope)).toBeNull();
    expect(evaluate("'b' in items", scope)).toBe(true);
    expect(evaluate("'title' in doc", scope)).toBe(true);
    expect(evaluate("'id' in 'tides'", scope)).toBe(true);
  });

  it('calls the built-in functions', () => {
    expect(evaluate("upper(topic) + '!'", scope)).toBe('TIDES!');
    expect(evaluate('len(items) + len(topic)', scope)).toBe(8);
    expect(evaluate("contains(lower('APPROVED here'), 'approved')", scope)).toBe(true);
    expect(evaluate("join(items, '-')", scope)).toBe('a-b-c');
    expect(evaluate('sum([1, 2, 3.5])', scope)).toBe(6.5);
    expect(evaluate('max(1, n, 2)', scope)).toBe(3);
    expect(evaluate("default(doc.missing, 'd')", scope)).toBe('d');
    expect(evaluate("number('4') + 1", scope)).toBe(5);
    expect(evaluate('round(2.345, 2)', scope)).toBe(2.35);
  });

  it('compares lists and mappings by value', () => {
    expect(evaluate("[1, 'a'] == [1, 'a']", scope)).toBe(true);
    expect(evaluate('doc == doc', scope)).toBe(true);
  });

  it('never reaches JavaScript internals', () => {
    expect(evaluate('doc.constructor', scope)).toBeNull();
    expect(evaluate("doc['__proto__']", scope)).toBeNull();
    expect(() => evaluate('constructor', scope)).toThrow("unknown name 'constructor'");
    expect(() => evaluate('eval(1)', scope)).toThrow("unknown function 'eval'");
  });

  it('reports syntax and type errors with positions', () => {
    expect(() => parseExpression('1 +')).toThrow('expected a value, found the end');
    expect(() => parseExpression('a b')).toThrow("expected the end of the expression, found 'b' at position 3");
    expect(() => parseExpression('a $ b')).toThrow("unexpected character '$' at position 3");
    expect(() => parseExpression('')).toThrow('expression is empty');
    expect(() => parseExpression('('.repeat(100) + '1' + ')'.repeat(100))).toThrow('nested more than');
    expect(() => evaluate('topic - 1', scope)).toThrow("'-' expects numbers, got string");
    expect(() => evaluate('1 / 0', scope)).toThrow('division by zero');
    expect(() => evaluate('len(1, 2)', scope)).toThrow('len() takes 1 argument, got 2');
    expect(() => evaluate("'a' < 1", scope)).toThrow("'<' compares two numbers or two strings");
  });

  it('lists the names an expression reads', () => {
    expect([...freeNames(parseExpression('upper(a.b) + c[d] > len(e)'))].sort()).toEqual(['a', 'c', 'd', 'e']);
  });
});

describe('templates', () => {
  it('fills {{ }} with values; text shows lists and mappings as JSON', () => {
    expect(renderText('About {{topic}} ({{ n * 2 }})', scope)).toBe('About tides (6)');
    expect(renderText('{{items}} / {{doc.missing}}', scope)).toBe('["a","b","c"] / ');
    expect(renderText('no placeholders', scope)).toBe('no placeholders');
  });

  it('passes a lone {{expr}} through as its value', () => {
    expect(renderValue('{{items}}', scope)).toEqual(['a', 'b', 'c']);
    expect(renderValue('{{ n }}', scope)).toBe(3);
    expect(renderDeep({ list: '{{items}}', text: 'n={{n}}', nested: [{ t: '{{doc.title}}' }], keep: 5 }, scope)).toEqual({
      list: ['a', 'b', 'c'],
      text: 'n=3',
      nested: [{ t: 'T' }],
      keep: 5,
    });
  });

  it('names the template in errors, and lists the names templates read', () => {
    expect(() => renderText('Hi {{nobody}}', scope)).toThrow('template "Hi {{nobody}}": unknown name \'nobody\'');
    expect(() => templateNames('Hi {{ 1 + }}')).toThrow('in {{ 1 + }}');
    expect([...templateNames({ a: '{{x}} {{y.z}}', b: ['{{ upper(w) }}'] })].sort()).toEqual(['w', 'x', 'y']);
  });
});
