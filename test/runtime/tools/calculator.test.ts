import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../runtime/tools/expression';
import { runTool } from './run-tool';

describe('calculator expressions', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['2^3^2', 512],
    ['(2^3)^2', 64],
    ['-2^2', -4],
    ['2^-1', 0.5],
    ['--3', 3],
    ['-(1 + 2) * +4', -12],
    ['7 % 4 + 1', 4],
    ['1.5e3 + .5', 1500.5],
    ['sqrt(16) + abs(-2)', 6],
    ['min(3, 1, 2) + max(4, 9)', 10],
    ['round(2.567, 2)', 2.57],
    ['floor(2.7) + ceil(2.1)', 5],
    ['log(e) + exp(0)', 2],
    ['log(8, 2)', 3],
    ['sin(0) + cos(0) + tan(0)', 1],
    ['2 * PI', 2 * Math.PI],
  ])('%s = %d', (expression, expected) => {
    expect(evaluate(expression)).toBeCloseTo(expected, 10);
  });

  it.each([
    ['1 / 0', 'division by zero'],
    ['5 % (2 - 2)', 'division by zero'],
    ['', 'expression is empty'],
    ['2 +', 'unexpected end of expression'],
    ['(1 + 2', "expected ')' but found end of expression"],
    ['1 + 2)', "unexpected ')' at position 6"],
    ['2 $ 3', "unexpected character '$' at position 3"],
    ['foo(1)', "unknown function 'foo' at position 1"],
    ['x + 1', "unknown name 'x' at position 1"],
    ['sqrt(1, 2)', 'sqrt takes 1 argument, got 2'],
    ['min()', 'min takes at least 1 argument, got 0'],
    ['sqrt(-1)', 'the result is not a number (for example sqrt or log of a negative number)'],
    ['10^400', 'the result is infinite (overflow)'],
    ['constructor', "unknown name 'constructor' at position 1"],
    ['__proto__(1)', "unknown function '__proto__' at position 1"],
    ['process.exit()', "unexpected character '.' at position 8"],
    ['2 3', "unexpected '3' at position 3"],
    [`${'('.repeat(200)}1${')'.repeat(200)}`, 'expression is nested more than 100 levels deep'],
  ])('%j fails: %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });

  it('is a tool whose errors carry its name', async () => {
    expect(await runTool('calculator', { expression: '2^10' })).toBe(1024);
    await expect(runTool('calculator', { expression: '1/0' })).rejects.toThrow(/^calculator: division by zero$/);
    await expect(runTool('calculator', { expression: '' })).rejects.toThrow('calculator: invalid parameters: /expression: must NOT have fewer than 1 characters');
  });
});
