import { describe, expect, it } from 'vitest';
import { listCases } from '../../../../runtime/spells/testing/list-cases';

describe('listCases', () => {
  it('finds Lua and JavaScript cases with their lines', () => {
    expect(listCases('test("one", function()\nend)\n  it(\'two\', function() end)\nlocal x = test\n', 'tests/a.test.lua')).toEqual([
      { name: 'one', line: 1 },
      { name: 'two', line: 3 },
    ]);
    expect(listCases('test(`tpl`, async () => {});\nawait test("say \\"hi\\"", () => {});\n// test("commented")\n', 'tests/b.test.js')).toEqual([
      { name: 'tpl', line: 1 },
      { name: 'say "hi"', line: 2 },
    ]);
  });

  it('finds Tengo cases on any name of the testing module', () => {
    expect(listCases('t := import("testing")\nt.test("a", func() {})\ntesting.it("b", func() {})\n', 'tests/c.test.tengo')).toEqual([
      { name: 'a', line: 2 },
      { name: 'b', line: 3 },
    ]);
  });
});
