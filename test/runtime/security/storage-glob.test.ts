import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../runtime/security/storage-glob';

describe('compileGlob', () => {
  it('matches * and ? within a folder and ** across folders', () => {
    const m = (pattern: string, path: string) => compileGlob(pattern)(path);
    expect(m('*.txt', 'a.txt')).toBe(true);
    expect(m('*.txt', 'dir/a.txt')).toBe(false);
    expect(m('dir/*', 'dir/a.txt')).toBe(true);
    expect(m('**/a.txt', 'a.txt')).toBe(true);
    expect(m('**/a.txt', 'x/y/a.txt')).toBe(true);
    expect(m('x/**/a.txt', 'x/a.txt')).toBe(true);
    expect(m('a?c.md', 'abc.md')).toBe(true);
    expect(m('a?c.md', 'a/c.md')).toBe(false);
  });

  it('treats regex syntax literally', () => {
    expect(compileGlob('a.+')('abc')).toBe(false);
    expect(compileGlob('a.+')('a.+')).toBe(true);
    expect(compileGlob('[ab].txt')('a.txt')).toBe(false);
  });

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const started = Date.now();
    const match = compileGlob(`${'*a'.repeat(40)}*b`);
    expect(match('a'.repeat(200))).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
