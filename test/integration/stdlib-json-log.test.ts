import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

async function lua(code: string, args: string[] = [], env: Record<string, string> = {}) {
  const file = ws.write(`std-${Math.random().toString(36).slice(2)}.lua`, code);
  return runCli(['run', file, ...args], { env });
}

describe('json', () => {
  it('encodes with sorted keys, arrays iff keys 1..n, {} for empty, integral numbers without .0', async () => {
    const result = await lua(`
      print(json.encode({ b = 1, a = { 3, 2, 1 }, c = {}, d = 2.0, e = 2.5, f = "x\\n\\"y\\"", g = true }))
      print(json.encode({ [1] = "a", [3] = "c" }))
      print(json.encode({ 1, 2, nil, 4 }))
      print(json.encode("plain"), json.encode(42), json.encode(nil), json.encode(1e300), json.encode(-0.1))
    `);
    expect(result.stdout.split('\n')).toEqual([
      '{"a":[3,2,1],"b":1,"c":{},"d":2,"e":2.5,"f":"x\\n\\"y\\"","g":true}',
      '{"1":"a","3":"c"}',
      '{"1":1,"2":2,"4":4}',
      '"plain"\t42\tnull\t1e+300\t-0.1',
      '',
    ]);
  });

  it('returns nil and a message for values JSON cannot hold', async () => {
    const result = await lua(`
      local t = {} t.self = t
      print(json.encode(t))
      print(json.encode({ f = print }))
      print(json.encode(0/0))
    `);
    expect(result.stdout).toBe(
      'nil\tcannot encode a table that contains itself as JSON\nnil\tcannot encode a function as JSON\nnil\tcannot encode nan as JSON\n'.replace(
        'nan',
        result.stdout.includes('-nan') ? '-nan' : 'nan',
      ),
    );
  });

  it('decodes, with null as nil and integers as integers', async () => {
    const result = await lua(`
      local v = json.decode('{"a": [1, null, 3], "b": {"c": "d"}, "n": null, "f": 1.5, "i": 7}')
      print(v.a[1], v.a[2], v.a[3], v.b.c, v.n, v.f, math.type(v.i))
    `);
    expect(result.stdout).toBe('1\tnil\t3\td\tnil\t1.5\tinteger\n');
  });

  it('returns decode errors with their position', async () => {
    const result = await lua(`
      print(json.decode('{"a": }'))
      print(json.decode('[1, 2'))
      print(json.decode('{"a": 1}\\n{'))
      print(pcall(json.decode, 5))
    `);
    expect(result.stdout.split('\n')).toEqual([
      'nil\tunexpected "}" at line 1, column 7 (position 6)',
      'nil\tunexpected end of JSON input at position 5',
      'nil\tunexpected "{" at line 2, column 1 (position 9)',
      "false\tjson.decode: bad argument #1 'text' (string expected, got number)",
      '',
    ]);
  });
});

describe('log', () => {
  const code = `
    log.debug("debugging", "k", 1)
    log.info("hello", "user", "ada", "n", 2)
    log.warn("careful", { reason = "x" })
    log.error("bad")
    print("done")
  `;

  it('writes to stderr with the spell name at info level and above by default', async () => {
    const file = ws.write('logger.lua', code);
    const result = await runCli(['run', file]);
    expect(result.stdout).toBe('done\n');
    expect(result.stderr.trim().split('\n')).toEqual([
      '[info] logger: hello user=ada n=2',
      '[warn] logger: careful reason=x',
      '[error] logger: bad',
    ]);
  });

  it('follows --log-level, --verbose, --quiet and LLMSPELL_LOG_LEVEL', async () => {
    const file = ws.write('logger.lua', code);
    expect((await runCli(['run', file, '--log-level', 'error'])).stderr.trim()).toBe('[error] logger: bad');
    expect((await runCli(['run', file, '--quiet'])).stderr.trim()).toBe('[error] logger: bad');
    expect((await runCli(['run', file, '--verbose'])).stderr).toContain('[debug] logger: debugging k=1');
    expect((await runCli(['run', file], { env: { LLMSPELL_LOG_LEVEL: 'warn' } })).stderr.trim().split('\n')).toHaveLength(2);
  });
});
