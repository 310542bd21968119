import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../runtime/config';
import { flatten } from '../../../runtime/config/layer';
import { validateLayer } from '../../../runtime/config/validate';

// loadConfig does not check the built-in defaults on every load (they are ours): this test does.
describe('the built-in defaults', () => {
  it('pass the configuration schema, every key of them', () => {
    const entries = flatten({ ...DEFAULTS }, 'default');
    expect(entries.length).toBeGreaterThan(20);
    expect(validateLayer({ label: 'default', entries, problems: [] })).toEqual([]);
  });

  it('would be reported if one did not (the check above can fail)', () => {
    const entries = flatten({ ...DEFAULTS, limits: { ...DEFAULTS.limits, timeout: -1 } }, 'default');
    expect(validateLayer({ label: 'default', entries, problems: [] })).toEqual([
      { source: 'default', path: 'limits.timeout', message: 'expected a positive number, got -1' },
    ]);
  });
});
