import { describe, expect, it } from 'vitest';
import { checkDependencies, describeDependencies } from '../../../runtime/spells/dependencies';
import type { SpellLibrary } from '../../../runtime/spells/library/spell-library';

const library = {
  find: (name: string) => ({ summarizer: { version: '1.4.2' }, old: { version: '0.9.0' } })[name],
} as unknown as SpellLibrary;

describe('spell dependencies', () => {
  it('matches semver ranges against the library, naming what is missing or mismatched', () => {
    const statuses = checkDependencies(
      [
        { name: 'summarizer', range: '^1.2.0' },
        { name: 'old', range: '>=1.0.0' },
        { name: 'absent', range: '~2.0.0' },
      ],
      library,
    );
    expect(statuses.map((s) => s.ok)).toEqual([true, false, false]);
    expect(describeDependencies(statuses)).toEqual([
      'summarizer ^1.2.0: 1.4.2 in the library',
      'old >=1.0.0: the library has 0.9.0, which does not match',
      'absent ~2.0.0: missing (install it: llmspell install absent-<version>.spell)',
    ]);
  });
});
