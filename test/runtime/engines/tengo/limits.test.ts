// The interpreter's own limits, in-process: budgets, stop checks, depth, nesting and value sizes end
// a run with a clear error and leave the host running.
import { describe, expect, it } from 'vitest';
import { runTengo, TengoAbort, TengoError } from '../../../../runtime/engines/tengo/interpreter';

const fail = (src: string, opts: Parameters<typeof runTengo>[2] = {}): unknown => {
  try {
    runTengo(src, 'main.tengo', opts);
  } catch (e) {
    return e;
  }
  throw new Error('expected the script to fail');
};

describe('tengo limits', () => {
  it('ends a runaway loop when the check asks to stop, and keeps it stopped', () => {
    let calls = 0;
    const e = fail('for {}', { checkEvery: 1000, check: () => (++calls >= 3 ? 'stop requested' : undefined) });
    expect(e).toBeInstanceOf(TengoAbort);
    expect((e as Error).message).toBe('stop requested');
    expect(calls).toBe(3);
  });

  it('counts calls as well as loop iterations', () => {
    const e = fail('f := func() { f() }\nf()', { maxSteps: 500, maxDepth: 100_000 });
    // The depth cap (100,000) is far away: the step budget ends it first.
    expect((e as Error).message).toMatch(/instruction limit exceeded|stack overflow/);
  });

  it('ends an instruction budget with a clear reason', () => {
    const e = fail('x := 0\nfor { x++ }', { maxSteps: 10_000 });
    expect(e).toBeInstanceOf(TengoAbort);
    expect((e as Error).message).toBe('instruction limit exceeded');
  });

  it('ends deep recursion with stack overflow', () => {
    const e = fail('f := func(n) { return 1 + f(n + 1) }\nf(0)');
    expect(e).toBeInstanceOf(TengoError);
    expect((e as Error).message).toMatch(/^Runtime Error: stack overflow\n\tat main\.tengo:1:27/);
  });

  it('survives recursion up to the depth limit in a default stack', () => {
    let out = '';
    runTengo('fmt := import("fmt")\nf := func(n) { if n == 0 { return 0 }; return 1 + f(n - 1) }\nfmt.println(f(1000))', 'main.tengo', { write: (s) => (out += s) });
    expect(out).toBe('1000\n');
  });

  it('rejects absurdly nested code at parse time', () => {
    const e = fail(`x := ${'('.repeat(5000)}1${')'.repeat(5000)}`);
    expect((e as Error).message).toMatch(/^Parse Error: code is nested too deeply\n\tat main\.tengo:1:/);
  });

  it('stops a doubling string at the size limit', () => {
    const e = fail('s := "x"\nfor { s += s }', { maxStringBytes: 1 << 20 });
    expect((e as Error).message).toMatch(/^Runtime Error: exceeding string size limit .*\n\tat main\.tengo:2:7/);
  });

  it('stops text.repeat and bytes() past the size limit before allocating', () => {
    const opts = { maxStringBytes: 1 << 20 };
    expect((fail('text := import("text")\nx := text.repeat("ab", 1000000000)', opts) as Error).message).toMatch(/exceeding string size limit/);
    expect((fail('x := bytes(1000000000)', opts) as Error).message).toMatch(/exceeding string size limit/);
  });

  it('caps the elements one array may grow to', () => {
    const e = fail('a := []\nfor { a = append(a, 1) }', { maxElements: 10_000 });
    expect((e as Error).message).toMatch(/^Runtime Error: exceeding element limit/);
    expect((fail('r := range(0, 100000000)', { maxElements: 10_000 }) as Error).message).toMatch(/exceeding element limit/);
  });
});
