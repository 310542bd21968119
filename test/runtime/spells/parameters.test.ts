import { afterEach, describe, expect, it } from 'vitest';
import { checkParameterValue, isValidPattern, type SpellParameter } from '../../../runtime/contract/spell-parameter';
import { ParamsError, readParamsFile, resolveParams } from '../../../runtime/spells/parameters';
import { parseManifestText } from '../../../runtime/spells/manifest-file';
import { makeTempDir, type TempDir } from './temp-dir';

const p = (name: string, type: SpellParameter['type'], extra: Partial<SpellParameter> = {}): SpellParameter => ({
  name,
  type,
  description: '',
  required: false,
  ...extra,
});

const DECLARED: SpellParameter[] = [
  p('text', 'string', { required: true, description: 'What to summarise' }),
  p('count', 'integer', { default: 3, min: 1, max: 10 }),
  p('ratio', 'number'),
  p('verbose', 'boolean', { default: false }),
  p('tags', 'array', { max: 2 }),
  p('options', 'object'),
  p('style', 'string', { enum: ['brief', 'long'] }),
  p('code', 'string', { pattern: '^[A-Z]{3}$' }),
];

function refusal(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParamsError) return error.problems;
    throw error;
  }
  throw new Error('expected a ParamsError');
}

describe('parameters', () => {
  it('passes plain strings through when no manifest declares parameters', () => {
    expect(resolveParams(undefined, { pairs: ['name=Ada', 'n=3', 'eq=a=b'] })).toEqual({ name: 'Ada', n: '3', eq: 'a=b' });
    expect(resolveParams(undefined, { pairs: ['n=3'], file: { n: 1, list: [1] } })).toEqual({ n: '3', list: [1] });
  });

  it('coerces strings by declared type and applies defaults', () => {
    const params = resolveParams(DECLARED, {
      pairs: ['text=hello', 'count=7', 'ratio=0.25', 'verbose=yes', 'tags=["a","b"]', 'options={"k":1}', 'style=brief', 'code=ABC'],
    });
    expect(params).toEqual({ text: 'hello', count: 7, ratio: 0.25, verbose: true, tags: ['a', 'b'], options: { k: 1 }, style: 'brief', code: 'ABC' });
    expect(resolveParams(DECLARED, { pairs: ['text=x'] })).toEqual({ text: 'x', count: 3, verbose: false });
  });

  it('takes typed values from a params file, with the command line winning', () => {
    expect(resolveParams(DECLARED, { file: { text: 'from file', count: 5, tags: ['x'] }, pairs: ['count=6'] })).toEqual({
      text: 'from file',
      count: 6,
      tags: ['x'],
      verbose: false,
    });
    // A string in the file for a typed parameter is coerced like a command-line value.
    expect(resolveParams(DECLARED, { file: { text: 't', count: '4' } }).count).toBe(4);
  });

  it('refuses every bad value at once, each with what was expected', () => {
    expect(
      refusal(() =>
        resolveParams(DECLARED, {
          pairs: ['count=seven', 'ratio=1/2', 'verbose=maybe', 'tags=[a', 'options=[1]', 'style=medium', 'code=abc', 'nope=1', 'broken'],
        }),
      ),
    ).toEqual([
      "expected key=value, got 'broken'",
      'parameter \'count\': expected an integer, got "seven"',
      'parameter \'ratio\': expected a number, got "1/2"',
      'parameter \'verbose\': expected true or false, got "maybe"',
      'parameter \'tags\': expected a list (a,b,c or JSON like ["a","b"]), got "[a"',
      'parameter \'options\': expected a mapping (JSON like {"k":1}), got "[1]"',
      'parameter \'style\': expected one of brief|long, got "medium"',
      'parameter \'code\': expected a string matching /^[A-Z]{3}$/, got "abc"',
      "unknown parameter 'nope'; this spell takes text, count, ratio, verbose, tags, options, style, code",
      "missing required parameter 'text' (What to summarise): add text=...",
    ]);
  });

  it('takes a list as a,b,c (go-llmspell) as well as JSON, typing numbers and booleans', () => {
    expect(resolveParams(DECLARED, { pairs: ['text=x', 'tags=a, b'] }).tags).toEqual(['a', 'b']);
    expect(resolveParams(DECLARED, { pairs: ['text=x', 'tags=1,true'] }).tags).toEqual([1, true]);
    expect(resolveParams(DECLARED, { pairs: ['text=x', 'tags=["1","2"]'] }).tags).toEqual(['1', '2']);
    expect(resolveParams(DECLARED, { pairs: ['text=x', 'tags='] }).tags).toEqual([]);
    expect(refusal(() => resolveParams(DECLARED, { pairs: ['text=x', 'tags=a,b,c'] }))).toEqual(["parameter 'tags': expected a list of at most 2 items, got 3 items"]);
  });

  it('checks bounds of numbers, and of list lengths', () => {
    expect(refusal(() => resolveParams(DECLARED, { pairs: ['text=x', 'count=0'] }))).toEqual(["parameter 'count': expected an integer at least 1, got 0"]);
    expect(refusal(() => resolveParams(DECLARED, { pairs: ['text=x', 'count=11'] }))).toEqual(["parameter 'count': expected an integer at most 10, got 11"]);
    expect(refusal(() => resolveParams(DECLARED, { pairs: ['text=x', 'tags=[1,2,3]'] }))).toEqual([
      "parameter 'tags': expected a list of at most 2 items, got 3 items",
    ]);
    expect(refusal(() => resolveParams(DECLARED, { file: { text: 'x', count: 2.5 } }))).toEqual(["parameter 'count': expected an integer, got 2.5"]);
  });

  it('refuses any parameter for a spell that declares none', () => {
    expect(refusal(() => resolveParams([], { pairs: ['a=1'] }))).toEqual(["unknown parameter 'a'; this spell takes no parameters"]);
  });

  it('keeps a __proto__ key as data', () => {
    const params = resolveParams(undefined, { file: JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown> });
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('params file', () => {
  let dir: TempDir;
  afterEach(() => dir.cleanup());

  it('reads a JSON object and refuses anything else clearly', () => {
    dir = makeTempDir();
    dir.write('ok.json', '{"text": "hi"}');
    dir.write('list.json', '[1]');
    dir.write('bad.json', '{nope');
    expect(readParamsFile('ok.json', dir.root)).toEqual({ text: 'hi' });
    expect(refusal(() => readParamsFile('list.json', dir.root))[0]).toMatch(/must hold a JSON object/);
    expect(refusal(() => readParamsFile('bad.json', dir.root))[0]).toMatch(/is not valid JSON/);
    expect(refusal(() => readParamsFile('missing.json', dir.root))[0]).toMatch(/cannot read the params file missing\.json: ENOENT/);
  });
});

describe('parameter patterns cannot freeze the host', () => {
  it('matches a catastrophic pattern in linear time', () => {
    const started = Date.now();
    expect(checkParameterValue({ type: 'string', pattern: '^(a+)+$' }, `${'a'.repeat(5_000)}!`)).toMatch(/expected a string matching/);
    expect(checkParameterValue({ type: 'string', pattern: '^(a+)+$' }, 'aaa')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses patterns that need a backtracking engine', () => {
    expect(isValidPattern('^(?=(a+)+$)')).toBe(false);
    expect(isValidPattern('(a)\\1')).toBe(false);
    expect(isValidPattern('^[A-Z]{3}$')).toBe(true);
    expect(isValidPattern('(')).toBe(false);
  });

  it('reports a broken pattern with a default as a problem on the pattern, not a throw (found by fuzzing)', () => {
    const result = parseManifestText('name: x\nversion: 1.0.0\ndescription: d\nengine: lua\nentry: main.lua\nparameters:\n  - name: topic\n    pattern: a-z]+$\n    default: cats\n', 'spell.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['parameters[0].pattern']);
  });
});
