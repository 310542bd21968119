import { describe, expect, it } from 'vitest';
import { failureLine } from '../../../../runtime/services/testing/failure-line';

describe('failureLine', () => {
  it('reads the line each engine names in a failure', () => {
    expect(failureLine('tests/a.test.lua:7: expected "x" to contain "y"', 'tests/a.test.lua')).toEqual({ line: 7 });
    expect(failureLine('tests/b.test.js:8: expected "x" to contain "y"', 'tests/b.test.js')).toEqual({ line: 8 });
    expect(failureLine('Runtime Error: expected "x"\n\tat tests/c.test.tengo:10:3', 'tests/c.test.tengo')).toEqual({ line: 10, column: 3 });
  });

  it('takes the first mention of the file and ignores other files', () => {
    expect(failureLine('main.lua:3: boom', 'tests/a.test.lua')).toBeUndefined();
    expect(failureLine('[string "tests/a.test.lua"]:4: boom (called from tests/a.test.lua:9)', 'tests/a.test.lua')).toEqual({ line: 4 });
    expect(failureLine('xa.test.lua:4: not ours', 'tests/a.test.lua')).toBeUndefined();
    expect(failureLine('no place at all', 'tests/a.test.lua')).toBeUndefined();
  });
});
