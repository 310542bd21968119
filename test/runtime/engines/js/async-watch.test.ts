import { parse } from 'acorn';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_TRANSFORM_CHARS, WARM_UP_SAMPLE, watchAsyncFunctions } from '../../../../runtime/engines/js/async-watch';

const reparse = (code: string) => parse(code, { ecmaVersion: 'latest', sourceType: 'module' });

describe('the async-function rewrite of JavaScript spells', () => {
  it('wraps each kind of async function, on the same lines', () => {
    const source = [
      'async function work(a) {',
      "  throw new Error('boom');",
      '}',
      'const arrow = async (x) => x + 1, obj = async () => ({ a: 1 }), deflt = async (p = f(), { q } = {}) => p;',
      'class C extends B { static async s(a, b = 2) { return super.s(a); } async m() { await 0; return this.x; } }',
      'const o = { async m() { return arguments.length; }, n: async function () {}, k: async () => async () => 1 };',
      'export default async function (params) {',
      '  return await work(params);',
      '}',
      '',
    ].join('\n');
    const out = watchAsyncFunctions(source);
    expect(() => reparse(out)).not.toThrow();
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
    expect(out).not.toMatch(/\basync function\b|\basync \(x\)|\basync m\(/);
    const lines = out.split('\n');
    expect(lines[0]).toBe('      function work(a) { return __llmspell_async(async () => {');
    expect(lines[2]).toBe('}, "work", undefined, new.target) }');
    expect(lines[3]).toContain('(x) => { return __llmspell_async(async () => x + 1, "arrow") }');
    expect(lines[3]).toContain('() => { return __llmspell_async(async () => ({ a: 1 }), "obj") }');
    // Parameters that can throw move into the inner arrow, so their errors still reject.
    expect(lines[3]).toContain('(...__llmspell_args) => { return __llmspell_async(async (p = f(), { q } = {}) => p, "deflt", __llmspell_args) }');
    expect(lines[4]).toContain('static       s(...__llmspell_args) { return __llmspell_async(async (a, b = 2) => { return super.s(a); }, "s", __llmspell_args) }');
    expect(lines[5]).toContain('() => { return __llmspell_async(async () =>       () => { return __llmspell_async(async () => 1, "") }, "k") }');
    expect(lines[6]).toBe('export default       function (params) { return __llmspell_async(async () => {');
    expect(lines[8]).toBe('}, "default", undefined, new.target) }');
  });

  it('keeps what the functions compute (run in Node, with the helper as the prelude defines it)', async () => {
    const helper = (body: (...a: unknown[]) => Promise<unknown>, name: string, args?: unknown[], newTarget?: unknown) => {
      if (newTarget !== undefined) throw new TypeError(`${name} is not a constructor`);
      if (name) Object.defineProperty(body, 'name', { value: name, configurable: true });
      return Promise.resolve(args === undefined ? body() : body(...args));
    };
    const source = [
      "'use strict';",
      'class Base { constructor() { this.v = 5; } async get(x) { return this.v + x; } }',
      'class Twice extends Base { async get(x) { return (await super.get(x)) * 2; } static async make() { return new this().get(1); } }',
      'const o = { n: 2, async m(a, b = 3) { return [arguments.length, a + b + this.n]; } };',
      'async function count() { return arguments.length; }',
      'function outer() { return (async (...r) => [this.tag, arguments[0], r.length])(1, 2); }',
      'async function pattern({ a }, ...rest) { return a + rest.length; }',
      'const curried = async (a) => async (b = a) => { return a + b }',
      '(async () => 0)()',
      'const later = async function named() { return typeof named; };',
      'result = (async () => {',
      '  const errors = [];',
      '  await pattern().catch((e) => errors.push(e.constructor.name));',
      '  try { new count(); } catch (e) { errors.push(e.constructor.name); }',
      "  return [await new Twice().get(1), await Twice.make(), await o.m(1), await count(1, 2, 3), await outer.call({ tag: 't' }, 'x'),",
      '    await pattern({ a: 1 }, 2, 3), await (await curried(1))(), await later(), count.name, curried.name, errors];',
      '})();',
    ].join('\n');
    const run = async (code: string) => {
      const context: { result?: Promise<unknown> } = { result: undefined };
      runInNewContext(code, Object.assign(context, { __llmspell_async: helper }));
      return JSON.stringify(await context.result);
    };
    const transformed = watchAsyncFunctions(source);
    expect(transformed).not.toBe(source);
    expect(await run(transformed)).toBe(await run(source));
    expect(await run(transformed)).toBe('[12,12,[1,6],3,["t","x",2],3,2,"function","count","curried",["TypeError","TypeError"]]');
  });

  it('warms up on a sample that it really rewrites', () => {
    const out = watchAsyncFunctions(WARM_UP_SAMPLE);
    expect(out.match(/__llmspell_async\(/g)).toHaveLength(4);
    expect(() => reparse(out)).not.toThrow();
  });

  it('leaves async generators, arrows thrown away at the start of a statement, and sources without async alone', () => {
    const source = 'async function* gen() { yield 1; }\nconst x = y\nasync () => {};\n';
    expect(watchAsyncFunctions(source)).toBe(source);
    const plain = 'function f() { return 1; }\n';
    expect(watchAsyncFunctions(plain)).toBe(plain);
  });

  it('keeps a line that starts with ( apart from an async arrow before it, as before', () => {
    const out = watchAsyncFunctions('const f = async () => {}\n(g)()\n');
    expect(reparse(out).body.map((s) => s.type)).toEqual(['VariableDeclaration', 'ExpressionStatement']);
  });

  it('keeps a class member after a field without a semicolon apart from it', () => {
    const out = watchAsyncFunctions('class A {\n  x = y\n  async [k]() {}\n}\n');
    const cls = reparse(out).body[0] as unknown as { body: { body: { type: string; key: { name?: string; type: string } }[] } };
    expect(cls.body.body.map((m) => `${m.type}:${m.key.name ?? m.key.type}`)).toEqual(['PropertyDefinition:x', 'MethodDefinition:k']);
  });

  it('falls back to the source as written when it cannot parse it, it is too deep or too large', () => {
    const broken = 'async function f( {\n';
    expect(watchAsyncFunctions(broken)).toBe(broken);
    const deep = `const f = async () => ${'['.repeat(200_000)}${']'.repeat(200_000)};`;
    expect(watchAsyncFunctions(deep)).toBe(deep);
    const large = `const f = async () => 1;\n${' '.repeat(MAX_TRANSFORM_CHARS)}`;
    expect(watchAsyncFunctions(large)).toBe(large);
  });

  it('rewrites a long source in linear time', () => {
    const source = `const all = [\n${'async function f(a) { return a; },\nasync (b = 1) => b,\n'.repeat(5000)}];\n`;
    const started = performance.now();
    const out = watchAsyncFunctions(source);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(out.match(/__llmspell_async\(/g)).toHaveLength(10_000);
    expect(out.split('\n')).toHaveLength(source.split('\n').length);
  });
});
