import { describe, expect, it } from 'vitest';
import { describeVmError, spellFrame } from '../../../../runtime/engines/js/js-errors';

describe('JavaScript spell errors', () => {
  it('find the first frame of the spell in a QuickJS stack', () => {
    const stack = '    at check (llmspell:prelude:400:11)\n    at f (hello/main.js:7:3)\n    at <anonymous> (hello/main.js:9:1)\n';
    expect(spellFrame(stack, 'hello/main.js')).toEqual({ fn: 'f', line: 7 });
    expect(spellFrame('    at main.js:3:9\n', 'main.js')).toEqual({ fn: '', line: 3 });
    expect(spellFrame('    at f (other.js:1:1)\n', 'main.js')).toBeUndefined();
  });

  it('read `file:line: Name: message`', () => {
    expect(describeVmError({ name: 'TypeError', message: 'x is not a function', stack: '    at f (main.js:2:5)\n' }, 'main.js')).toBe('main.js:2: TypeError: x is not a function');
    expect(describeVmError({ name: '', message: 'a string', stack: '' }, 'main.js')).toBe('main.js: uncaught a string');
  });

  it('turn an interrupt into the stop reason, naming the function that ran', () => {
    const inFunction = { name: 'InternalError', message: 'interrupted', stack: '    at spin (main.js:4:1)\n    at <anonymous> (main.js:9:1)\n' };
    expect(describeVmError(inFunction, 'main.js', 'run exceeded its time limit (1 s)')).toBe('main.js:4: run exceeded its time limit (1 s) (in spin())');
    const topLevel = { name: 'InternalError', message: 'interrupted', stack: '    at <anonymous> (main.js:1:1)\n' };
    expect(describeVmError(topLevel, 'main.js', 'stopped by the user')).toBe('main.js: stopped by the user');
  });

  it('say so when memory or stack ran out, and cut huge messages', () => {
    expect(describeVmError({ name: 'InternalError', message: 'out of memory', stack: '    at f (m.js:3:1)\n' }, 'm.js')).toBe('m.js:3: not enough memory (the run hit its memory limit)');
    expect(describeVmError({ name: 'InternalError', message: 'stack overflow', stack: '' }, 'm.js')).toBe('m.js: stack overflow (recursion too deep)');
    expect(describeVmError({ name: 'Error', message: 'x'.repeat(10_000), stack: '' }, 'm.js').length).toBeLessThan(2100);
  });
});
