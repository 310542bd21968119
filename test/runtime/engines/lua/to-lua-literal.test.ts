import { describe, expect, it } from 'vitest';
import { wasmoon } from '../../../../runtime/engines/lua/wasmoon';
import { toLuaLiteral } from '../../../../runtime/engines/lua/to-lua';

/** Loads `toLuaLiteral(value)` in a real Lua VM (as `v`) and returns what `expression` makes of it. */
async function roundTrip(value: unknown, expression = 'v'): Promise<unknown> {
  const vm = await new wasmoon.LuaFactory().createEngine();
  try {
    return vm.doStringSync(`local v = ${toLuaLiteral(value)}; return ${expression}`);
  } finally {
    vm.global.close();
  }
}

describe('toLuaLiteral', () => {
  it('gives Lua source that builds the same plain data', async () => {
    const specs = { llm: { chat: { async: false, params: [['prompt', ['string'], false], ['opts', ['table'], true]] } }, n: 3, x: 0.5, big: -12 };
    expect(await roundTrip(specs)).toEqual(specs);
  });

  it('keeps every character of a string, quotes, backslashes, control characters and non-ASCII included', async () => {
    const text = 'a "quoted" \\ back\nslash\r\t\u0001 9\u007f é ✓ ]] [[';
    expect(await roundTrip({ [text]: text })).toEqual({ [text]: text });
    // wasmoon hands Lua strings back as C strings, so a NUL is checked inside the VM
    expect(await roundTrip('a\u0000\u00012', 'string.byte(v, 1, -1)')).toEqual(97);
    expect(await roundTrip('a\u0000\u00012', '#v == 4 and v:byte(2) == 0 and v:byte(3) == 1 and v:sub(4) == "2"')).toBe(true);
  });

  it('writes special numbers as expressions and drops what is not plain data', () => {
    expect(toLuaLiteral([1 / 0, -1 / 0])).toBe('{(1/0),(-1/0)}');
    expect(toLuaLiteral(null)).toBe('nil');
    expect(toLuaLiteral({ f: () => 1, d: new Date(0), ok: true })).toBe('{["ok"]=true}');
  });
});
