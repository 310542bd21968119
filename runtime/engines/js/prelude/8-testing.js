/**
 * Test runs only: the globals of a JavaScript spell test (`tests/*.test.js`, run by
 * `llmspell test`): `runSpell(params, inputLines)` runs the spell under test in its own engine
 * process with a deterministic LLM and resolves with `{ output, error }`; `expect(x)` asserts;
 * `test(name, fn)` names a case (async functions are awaited). Mirrors the Lua test library.
 */
const $RegExp = RegExp;
function testingShow(v) {
  if (typeof v === 'string') return JSONstringify(v);
  return safeJson(v) || $String(v);
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayIsArray(a) !== ArrayIsArray(b)) return false;
  const ka = ObjectKeys(a);
  const kb = ObjectKeys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (!deepEqual(a[ka[i]], b[ka[i]])) return false;
  return true;
}

function expect(actual) {
  const fail = function (message) { throw new SpellError(message, 'assertion_failed'); };
  const e = {
    toEqual: function (expected) { if (!deepEqual(actual, expected)) fail('expected ' + testingShow(actual) + ' to equal ' + testingShow(expected)); return e; },
    toBe: function (expected) { if (actual !== expected) fail('expected ' + testingShow(actual) + ' to be ' + testingShow(expected)); return e; },
    toContain: function (part) {
      if (typeof actual === 'string') { if (actual.indexOf($String(part)) < 0) fail('expected ' + testingShow(actual) + ' to contain ' + testingShow(part)); }
      else if (ArrayIsArray(actual)) { if (!actual.some(function (v) { return deepEqual(v, part); })) fail('expected ' + testingShow(actual) + ' to contain ' + testingShow(part)); }
      else fail('expected a string or an array to search, got ' + typeof actual);
      return e;
    },
    toMatch: function (pattern) {
      const re = pattern instanceof $RegExp ? pattern : new $RegExp($String(pattern));
      if (typeof actual !== 'string' || !re.test(actual)) fail('expected ' + testingShow(actual) + ' to match ' + $String(re));
      return e;
    },
    toMatchSchema: function (schema) {
      return rpc('tools.validate', [schema, actual]).then(function (result) {
        if (!result.valid) fail('expected ' + testingShow(actual) + ' to match the schema: ' + result.errors.join('; '));
        return e;
      });
    },
    toBeNull: function () { if (actual !== null && actual !== undefined) fail('expected null, got ' + testingShow(actual)); return e; },
    toBeTruthy: function () { if (!actual) fail('expected a truthy value, got ' + testingShow(actual)); return e; },
    toBeFalsy: function () { if (actual) fail('expected a falsy value, got ' + testingShow(actual)); return e; },
    toBeType: function (t) { if (typeof actual !== t) fail('expected a ' + t + ', got ' + typeof actual); return e; },
  };
  return e;
}

/** The case the host runs alone (the studio's "Run one"), asked once: null runs every case. */
let testingOnly;
function testSelected(name) {
  if (testingOnly === undefined) testingOnly = rpc('test.only', []).then(function (only) { return typeof only === 'string' ? only : null; });
  return testingOnly.then(function (only) { return only === null || only === $String(name); });
}

function test(name, fn) {
  return testSelected(name).then(function (wanted) { if (wanted) return runCase(name, fn); });
}

function runCase(name, fn) {
  const started = host.now();
  const report = function (ok, error) {
    notify('test-result', { name: $String(name), ok: ok, error: ok ? undefined : error, duration: host.now() - started });
  };
  return $Promise.resolve()
    .then(function () { return fn(); })
    .then(function () { report(true); }, function (err) { report(false, describeTestError(err)); });
}

function describeTestError(err) {
  if (err instanceof $Error) {
    const where = err.stack ? $String(err.stack).split('\n').filter(function (l) { return /\.test\.js:\d+/.test(l); })[0] : undefined;
    const line = where ? /([^\s(]+\.test\.js):(\d+)/.exec(where) : null;
    return (line ? line[1] + ':' + line[2] + ': ' : '') + err.message;
  }
  return $String(err);
}

function runSpell(params, input) {
  return rpc('test.run_spell', [params === undefined ? {} : params, input === undefined ? [] : input]);
}

function enableTesting() {
  defineGlobal('expect', expect);
  defineGlobal('test', test);
  defineGlobal('it', test);
  defineGlobal('runSpell', runSpell);
}
