import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

async function lua(code: string, ...args: string[]) {
  const file = ws.write(`spell-${Math.random().toString(36).slice(2)}.lua`, code);
  return runCli(['run', file, ...args]);
}

describe('the spell environment is an allow-list', () => {
  it('has the safe libraries and our bridges', async () => {
    const result = await lua(`
      for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "print", "select",
        "tonumber", "tostring", "type", "setmetatable", "getmetatable", "rawget", "rawset", "rawequal", "rawlen",
        "string", "table", "math", "utf8", "coroutine", "params", "json", "log" }) do
        if _G[name] == nil then print("missing " .. name) end
      end
      print(string.format("%d", 42), table.concat({ 1, 2 }, ","), math.floor(2.5), utf8.char(72), _VERSION)
    `);
    expect(result.stdout).toBe('42\t1,2\t2\tH\tLua 5.4\n');
    expect(result.code).toBe(0);
  });

  it('lacks os, debug, package, require, load, loadstring, dofile, loadfile and string.dump', async () => {
    const result = await lua(`
      for _, name in ipairs({ "os", "debug", "package", "require", "load", "loadstring", "dofile", "loadfile" }) do
        print(name, _G[name])
      end
      print("dump", string.dump, ("").dump)
    `);
    expect(result.stdout.trim().split('\n').every((line) => line.endsWith('nil'))).toBe(true);
    expect(result.code).toBe(0);
  });

  it('has an io with only read, write and flush: no files, no processes', async () => {
    const result = await lua('local names = {} for k in pairs(io) do names[#names + 1] = k end table.sort(names) print(table.concat(names, ","))');
    expect(result.stdout).toBe('flush,read,write\n');
  });

  it('offers a harmless collectgarbage', async () => {
    const result = await lua('print(type(collectgarbage("count")), collectgarbage("stop"), collectgarbage())');
    expect(result.stdout).toBe('number\t0\t0\n');
  });
});

describe('escapes fail', () => {
  it.each([
    ['package.loaded', 'return package.loaded.io'],
    ['the registry', 'return debug.getregistry()'],
    ['require', 'return require("io")'],
    ['bytecode via load', 'return load(string.dump(print))'],
    ['string.dump through the string metatable', 'return ("").dump(print)'],
    ['the string metatable', 'return getmetatable("").__index.dump'],
    ['_ENV rebinding', 'local _ENV = getmetatable(_G) return io.open'],
    ['the global table from a coroutine', 'return coroutine.wrap(function() return io.open end)()'],
  ])('via %s', async (_name, code) => {
    const result = await lua(`local ok, value = pcall(function() ${code} end) print(ok and value ~= nil and "ESCAPED" or "held")`);
    expect(result.stdout).toBe('held\n');
  });

  it('cannot poison the string metatable for other code', async () => {
    const result = await lua('local ok = pcall(setmetatable, "", {}) print(ok, getmetatable(""))');
    expect(result.stdout).toBe('false\tfalse\n');
  });

  it('allows extending the string table the usual Lua way', async () => {
    const result = await lua('function string.shout(s) return s:upper() .. "!" end print(("hi"):shout())');
    expect(result.stdout).toBe('HI!\n');
  });
});

describe('limits are enforced', () => {
  it('stops an infinite loop at the time limit with the line', async () => {
    const started = Date.now();
    const result = await lua('local n = 0\nwhile true do n = n + 1 end\n', '--timeout', '1');
    expect(result.stderr).toMatch(/spell-\w+\.lua:2: run exceeded its time limit \(1 s\)/);
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('cannot catch its way past the time limit with pcall', async () => {
    const result = await lua(
      'for i = 1, 1e9 do pcall(function() while true do end end) end print("escaped")',
      '--timeout',
      '1',
    );
    expect(result.stdout).not.toContain('escaped');
    expect(result.stderr).toContain('run exceeded its time limit (1 s)');
    expect(result.code).toBe(1);
  });

  it('stops loops inside coroutines too', async () => {
    const result = await lua(
      'local co = coroutine.create(function() while true do end end)\nprint(coroutine.resume(co))\nprint("escaped")',
      '--timeout',
      '1',
    );
    expect(result.stdout).not.toContain('escaped');
    expect(result.stderr).toContain('run exceeded its time limit');
  });

  it('stops a memory bomb at the memory limit', async () => {
    const result = await lua('local t = {}\nfor i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end\n', '--memory', '32', '--json');
    const report = JSON.parse(result.stdout);
    expect(report.error.code).toBe('memory');
    expect(report.error.message).toContain('not enough memory');
    expect(result.code).toBe(1);
  });

  it('lets a spell recover from a failed allocation inside pcall', async () => {
    const result = await lua(
      'local ok, err = pcall(function() local s = ("x"):rep(64 * 1024 * 1024) end)\nprint(ok, err)\nprint("alive")',
      '--memory',
      '32',
    );
    expect(result.stdout).toBe('false\tnot enough memory\nalive\n');
  });

  it('ends deep recursion with a clean error', async () => {
    const result = await lua('local function f(n) return f(n + 1) + 1 end\nf(1)\n');
    expect(result.stderr).toMatch(/stack overflow|not enough memory/);
    expect(result.code).toBe(1);
  });
});

describe('bridges that run spell code do not swallow limit errors', () => {
  it.each([
    ['tools.execute', 'tools.register("spin", "d", {type="object"}, function() while true do end end)\nlocal v, err = tools.execute("spin", {})\nprint("after", err)\n'],
    ['promise.new', 'local p = promise.new(function() while true do end end)\nprint("after", p)\n'],
  ])('%s lets the time limit end the run', async (_name, code) => {
    const result = await lua(code, '--timeout', '1');
    expect(result.stderr).toMatch(/run exceeded its time limit \(1 s\)/);
    expect(result.stdout).not.toContain('after');
    expect(result.code).toBe(1);
  });
});
