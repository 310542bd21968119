import { afterAll, describe, expect, it } from 'vitest';
import { InvalidSchemaError, SchemaCheckTimeout, SchemaChecks } from '../../../runtime/tools/schema-checks';
import { SchemaValidator } from '../../../runtime/tools/schema-validator';

const checks = new SchemaChecks({ timeoutMs: 1_000 });
afterAll(() => checks.close());

const evil = `${'a'.repeat(40)}!`;

describe('schema patterns run on RE2 (linear time)', () => {
  it('answers a catastrophic pattern at once, correctly', () => {
    const validator = new SchemaValidator();
    validator.compile({ type: 'string', pattern: '^(a+)+$' });
    const started = Date.now();
    // a backtracking engine would take longer than the age of the universe on this input
    expect(validator.check({ type: 'string', pattern: '^(a+)+$' }, `${'a'.repeat(5_000)}!`).valid).toBe(false);
    expect(validator.check({ type: 'string', pattern: '^(a+)+$' }, 'aaaa').valid).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps JavaScript syntax RE2 lacks (lookahead) working', () => {
    const validator = new SchemaValidator();
    expect(validator.check({ type: 'string', pattern: '^(?=.*\\d)\\w+$' }, 'abc1').valid).toBe(true);
    expect(validator.check({ type: 'string', pattern: '^(?=.*\\d)\\w+$' }, 'abc').valid).toBe(false);
  });
});

describe('SchemaChecks (a worker with a deadline)', () => {
  it('checks in the worker with the same errors as the validator', async () => {
    const schema = { type: 'object', required: ['name'], properties: { age: { type: 'integer', minimum: 0 } } };
    expect(await checks.check(schema, { age: -1 })).toEqual({ valid: false, errors: ['/name: is required', '/age: must be >= 0'] });
    expect(await checks.check(schema, { name: 'a' })).toEqual({ valid: true, errors: [] });
    expect(await checks.checkAnswer(schema, { age: 'x', name: 'a' })).toBe("field 'age' must be integer");
  });

  it('names a bad schema', async () => {
    await expect(checks.check({ type: 'nope' }, 1)).rejects.toBeInstanceOf(InvalidSchemaError);
    await expect(checks.compileAnswer({ type: 'nope' })).rejects.toBeInstanceOf(InvalidSchemaError);
  });

  it('stops a check past its deadline while the event loop stays free, then works again', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = Date.now();
    // lookahead is not RE2: this pattern backtracks on JavaScript's engine, for ever on this input
    await expect(checks.check({ type: 'string', pattern: '^(?=(a+)+$)' }, evil)).rejects.toBeInstanceOf(SchemaCheckTimeout);
    clearInterval(ticker);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(ticks).toBeGreaterThan(5); // the host's loop kept turning during the check (≈ 50 when idle)
    expect(await checks.check({ type: 'string' }, 'x')).toEqual({ valid: true, errors: [] });
  });

  it('bounds exponential schemas too (nested anyOf over deep data)', async () => {
    const schema = { $defs: { n: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/n' } }, { type: 'array', items: { $ref: '#/$defs/n' } }] } }, $ref: '#/$defs/n' };
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    const outcome = await checks.check(schema, deep).then(() => 'done', (e: unknown) => e);
    // (the message names any other outcome: it failed once in a full run, unexplained)
    expect(outcome === 'done' || outcome instanceof SchemaCheckTimeout, String(outcome)).toBe(true);
  });

  it('ends the check when the run stops', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('run stopped')), 100);
    const started = Date.now();
    await expect(checks.check({ type: 'string', pattern: '^(?=(a+)+$)' }, evil, { signal: stop.signal })).rejects.toThrow('run stopped');
    expect(Date.now() - started).toBeLessThan(900);
  });
});
