/**
 * `testing := import("testing")`, only in spell tests (`tests/*.test.tengo`, run by `llmspell test`):
 * `testing.run_spell(params, input)` runs the spell under test in its own engine process with a
 * deterministic LLM and returns `{output, err}` (`err`: the run's error message, undefined when it
 * succeeded; `error` is a keyword in Tengo); `testing.expect(x).to_equal(y)` asserts (a failed
 * expectation is a runtime error, which ends the case); `testing.test(name, fn)` names a case, whose
 * failure is reported on its own while the file goes on. The same library as Lua's and JS's.
 */
import { TengoError, runtimeError } from '../errors';
import { toJs } from '../interop';
import { equals } from '../ops';
import { compileRegexp } from '../stdlib/text-regexp';
import { str, toText } from '../to-string';
import { arrayItems, ImmutableMap, isFalsy, mapEntries, TBuiltin, TError, typeName, type Value } from '../values';
import type { Kit } from './kit';

/** A value in a failure message: strings quoted, arrays and maps as Tengo shows them. */
const describe = (v: Value): string => str(v);

function expectation(kit: Kit, actual: Value): ImmutableMap {
  const map = new Map<string, Value>();
  const self = new ImmutableMap(map);
  const fail = (message: string): never => {
    throw runtimeError(message);
  };
  const check: Record<string, (args: Value[]) => void> = {
    to_equal: ([expected]) => {
      if (!equals(actual, expected)) fail(`expected ${describe(actual)} to equal ${describe(expected)}`);
    },
    to_contain: ([part]) => {
      if (typeof actual === 'string') {
        if (!actual.includes(toText(part))) fail(`expected ${describe(actual)} to contain ${describe(part)}`);
        return;
      }
      const items = arrayItems(actual) ?? [...(mapEntries(actual)?.values() ?? [])];
      if (!arrayItems(actual) && !mapEntries(actual)) fail(`expected a string, array or map to search, got ${typeName(actual)}`);
      if (!items.some((v) => equals(v, part))) fail(`expected ${describe(actual)} to contain ${describe(part)}`);
    },
    to_match: ([pattern]) => {
      let re;
      try {
        re = compileRegexp(toText(pattern));
      } catch (e) {
        fail(`to_match: ${(e as Error).message}`);
      }
      if (typeof actual !== 'string' || !re!.matcher(actual).find()) fail(`expected ${describe(actual)} to match ${describe(pattern)}`);
    },
    to_match_schema: ([schema]) => {
      const r = kit.call('tools.validate', schema, actual);
      if (r instanceof TError) fail(`schema check failed: ${toText(r.value)}`);
      const m = mapEntries(r);
      if (m?.get('valid') !== true) fail(`expected ${describe(actual)} to match the schema: ${(arrayItems(m?.get('errors')) ?? []).map(toText).join('; ')}`);
    },
    to_be_undefined: () => {
      if (actual !== undefined) fail(`expected undefined, got ${describe(actual)}`);
    },
    to_be_error: () => {
      if (!(actual instanceof TError)) fail(`expected an error value, got ${describe(actual)}`);
    },
    to_be_truthy: () => {
      if (isFalsy(actual)) fail(`expected a truthy value, got ${describe(actual)}`);
    },
    to_be_falsy: () => {
      if (!isFalsy(actual)) fail(`expected a falsy value, got ${describe(actual)}`);
    },
    to_be_type: ([name]) => {
      if (typeName(actual) !== name) fail(`expected a ${toText(name)}, got ${typeName(actual)}`);
    },
  };
  for (const [name, fn] of Object.entries(check)) {
    map.set(
      name,
      new TBuiltin(`expect.${name}`, (args) => {
        fn(args);
        return self;
      }),
    );
  }
  map.set('to_be', map.get('to_equal'));
  return self;
}

export function testingModule(kit: Kit): ImmutableMap {
  // The case the host runs alone (the studio's "Run one"), asked once; null: every case runs.
  let only: string | null | undefined;
  const selected = (name: Value): boolean => {
    if (only === undefined) {
      const r = kit.host.call('test.only', []);
      only = r.ok && typeof r.value === 'string' ? r.value : null;
    }
    return only === null || only === toText(name);
  };
  const test = (name: Value, fn: Value): Value => {
    if (!selected(name)) return undefined;
    const started = performance.now();
    let error: string | undefined;
    try {
      kit.m.call(fn, []);
    } catch (e) {
      // Only the script's own errors fail a case; a stop or a limit ends the whole run.
      if (!(e instanceof TengoError)) throw e;
      error = e.message;
    }
    kit.host.post({ t: 'notify', name: 'test-result', dataJson: JSON.stringify({ name: toText(name), ok: error === undefined, error, duration: performance.now() - started }) });
    return error === undefined;
  };
  const runSpell = (params: Value, input: Value): Value => {
    const r = kit.host.call('test.run_spell', [toJs(params ?? new Map()), input === undefined ? [] : toJs(input)]);
    if (!r.ok) throw runtimeError(`run_spell: ${r.error}`);
    const { output, error } = r.value as { output: string; error: string | null };
    return new Map<string, Value>([
      ['output', output],
      ['err', error ?? undefined],
    ]);
  };
  const fns = new Map<string, Value>([
    ['expect', new TBuiltin('testing.expect', ([actual]) => expectation(kit, actual))],
    ['test', new TBuiltin('testing.test', ([name, fn]) => test(name, fn))],
    ['it', new TBuiltin('testing.it', ([name, fn]) => test(name, fn))],
    ['run_spell', new TBuiltin('testing.run_spell', ([params, input]) => runSpell(params, input))],
  ]);
  return new ImmutableMap(fns);
}
