/**
 * The regular-expression engine for JSON Schema `pattern` / `patternProperties` (ajv's `code.regExp`).
 * Patterns come from spells, so they run on RE2 (re2js): matching takes linear time and `^(a+)+$`
 * cannot backtrack for ever. A pattern RE2 cannot express (lookaround, backreferences) falls back to
 * JavaScript's engine; that is safe only because every schema check runs in a worker with a deadline
 * (schema-checks.ts), never on the host's event loop.
 */
import { RE2JS } from 're2js';

/** What ajv calls on a compiled pattern. */
export interface RegExpLike {
  test(text: string): boolean;
  toString(): string;
}

/** ajv's `code.regExp` engine: `(pattern, flags) => { test }`. */
export function linearRegExp(pattern: string, flags: string): RegExpLike {
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch {
    return new RegExp(pattern, flags); // bounded by the worker's deadline, see above
  }
  // ajv keys compiled patterns by toString(): it must differ per pattern, as RegExp's does
  return { test: (text: string) => re.test(text), toString: () => `/${pattern}/${flags}` };
}
// ajv names the engine in generated code by its `code` property (an import path when standalone).
linearRegExp.code = 'linearRegExp';
