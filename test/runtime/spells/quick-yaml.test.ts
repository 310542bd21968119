import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseQuickYaml } from '../../../runtime/spells/quick-yaml';

/** The fast reader must agree with the yaml package whenever it answers at all. */
function agrees(text: string): boolean {
  const quick = parseQuickYaml(text);
  if (quick === undefined) return false;
  let full: unknown;
  try {
    full = parse(text);
  } catch (error) {
    throw new Error(`quick accepted text that yaml refuses:\n${text}\n${String(error)}`);
  }
  expect(quick, text).toEqual(full);
  return true;
}

const TRICKY = [
  'a: b: c',
  'a: "x" y',
  "a: 'it''s'",
  'a: x # comment',
  'a: x#y',
  'a: C# and F#',
  'a: -1',
  'a: +2',
  'a: .5',
  'a: 1.',
  'a: 0x1F',
  'a: 0o17',
  'a: 017',
  'a: 1e3',
  'a: 1.0.0',
  'a: ~',
  'a: null',
  'a: Null',
  'a: yes',
  'a: TRUE',
  'a: .inf',
  'a: -.Inf',
  'a: .nan',
  'a: [1, "two", three, \'four\']',
  'a: []',
  'a: [ ]',
  'a: [a, ]',
  'a: [a, [b]]',
  'a: [a: b]',
  'a:\n- x\n- y',
  'a:\n  - b: 1\n    c: 2\n  - d',
  'a:\n  -\n    b: 1',
  'a:\n  - - x',
  'a: |\n  x',
  'a: >\n  x',
  'a: &x 1',
  'a: *x',
  'a: !!str 1',
  "a: 'multi\n  line'",
  'a: multi\n  line',
  'a: {b: 1}',
  'a: {}',
  'key with space: 1',
  '"q": 1',
  '? a\n: b',
  'a:\tb',
  'a: "tab\\there \\u00e9 \\"q\\" \\\\"',
  'a: "\\x41"',
  'a: "unterminated',
  'a: 1\n b: 2',
  'a:\n    b: 1\n  c: 2',
  'a: 1\na: 2',
  'true: 1',
  '__proto__: 1',
  '---\na: 1',
  'a: 1\n...',
  '%YAML 1.2\n---\na: 1',
  'a: - b',
  'a: -',
  'a: @x',
  'a: `x`',
  'a: x:y',
  'a: "x" # c',
  'a: "x"#c',
  'a: \'\'',
  'a: ""',
  'a:',
  'a:   # only a comment',
  'a:\n  # comment\n  b: 1',
  'list:\n  - 1\n  # between\n  - 2',
  'a: 12345678901234567890',
  'a: 1\r\nb: 2\r\n',
  'a: 1\rb: 2',
  '\ufeffa: 1',
  'a: x\u0007',
  '  a: 1',
  'a.b-c_d: 1',
  'a: "😀 \\u263A"',
];

describe('quick YAML reader', () => {
  it('agrees with the yaml package on every tricky input it accepts', () => {
    let accepted = 0;
    for (const text of TRICKY) if (agrees(text)) accepted++;
    expect(accepted).toBeGreaterThan(30);
  });

  it('takes the fast path for typical manifests', () => {
    const manifests = [
      'name: chat-assistant\nversion: 1.0.0\ndescription: Chat\nengine: lua\nentry: main.lua\ntimeout: 300\nmemory_limit: 128MB\nenv:\n  - OPENAI_API_KEY\nparameters:\n  system_prompt:\n    type: string\n    default: "You are a helpful assistant."\n  max_history:\n    type: integer\n    default: 10\n',
      'name: testspell\nversion: 1.0.0\nentry_point: main.lua\ntimeout: 60s\n\n# Parameters\nparameters:\n  - name: prompt\n    type: string\n    required: true\n  - name: providers\n    type: array\n    default: ["openai", "anthropic"]\ntags:\n  - llm\nmetadata:\n  category: example\n',
    ];
    for (const text of manifests) expect(agrees(text)).toBe(true);
  });

  it('agrees on generated documents', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const scalars = ['x', 'two words', '1', '-3', '2.5', 'true', 'null', '~', '"q: x"', "'s # t'", '1.0.0', 'a#b', '0x10', 'https://x.y/z?a=1', '"é"'];
    const keys = ['name', 'type', 'default', 'a_b', 'c-d', 'e.f', 'list', 'map'];
    const render = (depth: number, indent: string): string => {
      const lines: string[] = [];
      const used = new Set<string>();
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        const key = pick(keys);
        if (used.has(key)) continue;
        used.add(key);
        const kind = depth > 2 ? 0 : Math.floor(random() * 4);
        if (kind === 0) lines.push(`${indent}${key}: ${pick(scalars)}${random() < 0.2 ? ' # note' : ''}`);
        else if (kind === 1) lines.push(`${indent}${key}: [${Array.from({ length: Math.floor(random() * 3) }, () => pick(scalars)).join(', ')}]`);
        else if (kind === 2) lines.push(`${indent}${key}:`, render(depth + 1, `${indent}  `));
        else {
          lines.push(`${indent}${key}:`);
          for (let j = 0; j < 2; j++) {
            if (random() < 0.5) lines.push(`${indent}  - ${pick(scalars)}`);
            else lines.push(`${indent}  - ${render(depth + 1, `${indent}    `).trimStart()}`);
          }
        }
      }
      return lines.join('\n');
    };
    let accepted = 0;
    for (let n = 0; n < 400; n++) if (agrees(`${render(0, '')}\n`)) accepted++;
    // Flow lists holding "a#b" or a URL are left to yaml by design; everything else takes the fast path.
    expect(accepted).toBeGreaterThan(250);
  });
});
