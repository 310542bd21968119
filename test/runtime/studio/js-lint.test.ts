import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsLint, MAX_JS_LINT_BYTES } from '../../../runtime/studio/js-lint';
import { TEMPLATES } from '../../../runtime/spells/scaffold/templates';
import { ROOT } from '../../helpers/cli';

const found = (code: string, file = 'main.js', test = false) => jsLint(code, file, { test }).map((d) => [d.line, d.column, d.severity, d.message]);

describe('JavaScript diagnostics beyond syntax', () => {
  it('finds unknown bridge members, wrong argument counts and literal types, and undefined globals, at their place', () => {
    const code = [
      'const r = await llm.chatt("hi");',
      'console.log(await llm.chat());',
      'await llm.chat(1);',
      'pirnt("x");',
      'await llm.chat("a", {}, 3);',
      'const { complet } = llm;',
      'setTimeout(42);',
      'console.lgo(`t`);',
      'consol.log(r);',
      'await llm.chat("a", [1]);',
      'await llm["chatt"]("a");',
      'await llm.chat(null);',
    ].join('\n');
    expect(found(code)).toEqual([
      [1, 21, 'error', "llm.chatt: llm has no member 'chatt' (did you mean chat?)"],
      [2, 19, 'error', 'llm.chat expects at least 1 argument (prompt, opts), got 0'],
      [3, 16, 'error', "llm.chat: argument #1 'prompt' expects string, got integer"],
      [4, 1, 'error', "'pirnt' is not defined"],
      [5, 7, 'error', 'llm.chat takes at most 2 arguments (prompt, opts), got 3'],
      [6, 9, 'error', "llm.complet: llm has no member 'complet' (did you mean complete?)"],
      [7, 12, 'error', "setTimeout: argument #1 'callback' expects function, got integer"],
      [8, 9, 'error', "console.lgo: console has no member 'lgo' (did you mean log?)"],
      [9, 1, 'error', "'consol' is not defined (did you mean console?)"],
      [10, 21, 'error', "llm.chat: argument #2 'opts' expects object, got array"],
      [11, 11, 'error', "llm.chatt: llm has no member 'chatt' (did you mean chat?)"],
      [12, 16, 'error', "llm.chat: argument #1 'prompt' expects string, got null"],
    ]);
  });

  it('accepts locals shadowing a bridge, values only known at run time, spreads, typeof checks, globalThis and the built-ins', () => {
    const code = [
      'import { helper } from "./lib/util.js";',
      'function f(llm) { return llm.chatt(1, 2, 3, 4); }',
      'const n = 3;',
      'await llm.chat(String(n), undefined);',
      'await llm.chat(...[1, 2, 3]);',
      'if (typeof missing === "undefined") console.log(params.name ?? "x", new Map(), Promise.resolve(1), SpellError);',
      'globalThis.shared = 1;',
      'console.log(shared, helper, llm.toString(), JSON.stringify({}), Math.max(1, 2), arguments0());',
      'function arguments0() { return [...arguments]; }',
      'class A { static #x = 1; static { A.y = A.#x; } }',
      'queueMicrotask(() => {}); setInterval(() => {}, 10, "a", "b"); fetch("https://example.com").catch(() => {});',
      'try { f(); } catch (error) { console.error(error instanceof SpellError, error?.message); }',
    ].join('\n');
    expect(found(code)).toEqual([]);
  });

  it('reports the syntax error of a module at its place, and knows the test runner\'s globals in test files', () => {
    expect(found('const x = 1;\nconst = ;\n')).toEqual([[2, 7, 'error', 'Unexpected token']]);
    expect(found('test("adds", async () => expect(await runSpell({})).toBe(1));\nit("b", () => {});\n', 'tests/a.test.js', true)).toEqual([]);
    expect(found('test("adds", () => {});\n')).toEqual([[1, 1, 'error', "'test' is not defined"]]);
  });

  it('bounds its work: a file past the size limit or nested beyond the parser\'s stack gets no verdict', () => {
    expect(found(`pirnt(1);\n${' '.repeat(MAX_JS_LINT_BYTES)}`)).toEqual([]);
    expect(found(`x = ${'['.repeat(200_000)}${']'.repeat(200_000)};\n`)).toEqual([]);
  });

  it('finds nothing in the JavaScript of the spell templates and the docs\' runnable examples, but the deliberate error', () => {
    const sources = Object.entries(TEMPLATES).map(([name, t]) => ({ file: `templates/${name}.js`, code: t.js.replaceAll('{{name}}', name) }));
    for (const doc of readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(path.join(ROOT, 'docs', doc), 'utf8');
      for (const m of text.matchAll(/```js runnable file=(\S+)\n([\s\S]*?)```/g)) sources.push({ file: `${doc}:${m[1]!}`, code: m[2]! });
    }
    expect(sources.length).toBeGreaterThan(8);
    const problems = sources.flatMap(({ file, code }) => jsLint(code, file).map((d) => `${d.file}:${d.line}: ${d.message}`));
    // The tutorial shows what a bad argument does at run time.
    expect(problems).toEqual(["tutorial-first-spell-js.md:errors.js:2: llm.chat: argument #1 'prompt' expects string, got integer"]);
  });
});
