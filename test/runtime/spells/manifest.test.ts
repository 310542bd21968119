import { describe, expect, it } from 'vitest';
import { parseManifestText, type ManifestResult } from '../../../runtime/spells/manifest-file';
import { formatManifestProblem } from '../../../runtime/spells/manifest-problems';

function ok(text: string) {
  const result = parseManifestText(text);
  if (!result.ok) throw new Error(result.problems.map(formatManifestProblem).join('\n'));
  return result.manifest;
}

function problems(text: string): string[] {
  const result: ManifestResult = parseManifestText(text);
  if (result.ok) throw new Error('expected the manifest to be invalid');
  return result.problems.map(formatManifestProblem);
}

describe('spell.yaml: accepted shapes', () => {
  it('reads a full manifest in the native shape', () => {
    const m = ok(`name: web-summarizer
version: 1.2.0
description: Summarizes a page
author: Ada
license: MIT
engine: lua
entry: src/main.lua
tags: [web, llm, web]
parameters:
  - name: url
    type: string
    required: true
    pattern: ^https?://
  - name: words
    type: integer
    default: 100
    min: 10
    max: 500
  - name: style
    enum: [brief, detailed]
    default: brief
permissions:
  network: [example.com]
  storage: true
  tools: [calculator]
  llm: { providers: [openai], models: [gpt-4o-mini] }
  secrets: [OPENAI_API_KEY]
  mcp: [files]
limits: { timeout: 2m, memory: 1GB }
dependencies:
  text-utils: ^1.0.0
metadata: { category: web }
`);
    expect(m).toMatchObject({ name: 'web-summarizer', version: '1.2.0', engine: 'lua', entry: 'src/main.lua', tags: ['web', 'llm'] });
    expect(m.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['url', 'string', true],
      ['words', 'integer', false],
      ['style', 'string', false],
    ]);
    expect(m.permissions).toEqual({
      network: ['example.com'],
      storage: true,
      sharedStorage: [],
      tools: ['calculator'],
      llm: { providers: ['openai'], models: ['gpt-4o-mini'] },
      secrets: ['OPENAI_API_KEY'],
      mcp: ['files'],
    });
    expect(m.limits).toEqual({ timeout: 120, memory: 1024 });
    expect(m.dependencies).toEqual([{ name: 'text-utils', range: '^1.0.0' }]);
    expect(m.metadata).toEqual({ category: 'web' });
  });

  it("normalises go-llmspell's map-shaped parameters and legacy fields", () => {
    const m = ok(`name: chat-assistant
version: 1.0.0
description: Interactive chat assistant with conversation history
author: Example Author
engine: lua
entry: main.lua
timeout: 300
memory_limit: 128MB
env:
  - OPENAI_API_KEY
capabilities:
  - llm.chat
  - http.get
  - storage.write
parameters:
  system_prompt:
    type: string
    description: System prompt for the assistant
    default: "You are a helpful assistant."
  max_history:
    type: integer
    default: 10
`);
    expect(m.parameters).toEqual([
      { name: 'system_prompt', type: 'string', description: 'System prompt for the assistant', required: false, default: 'You are a helpful assistant.' },
      { name: 'max_history', type: 'integer', description: '', required: false, default: 10 },
    ]);
    expect(m.limits).toEqual({ timeout: 300, memory: 128 });
    expect(m.permissions).toMatchObject({ network: ['*'], storage: true, llm: { providers: ['*'], models: ['*'] }, secrets: ['OPENAI_API_KEY'] });
  });

  it('accepts entry_point, list parameters, dependency maps, requirements and security_profile', () => {
    const m = ok(`name: testspell
description: A new spell
version: 1.0.0
entry_point: main.lua
timeout: 60s
security_profile: untrusted
dependencies: []
requirements:
  agents: true
  tools: false
parameters:
  - name: prompt
    type: string
    required: true
  - name: model
    default: gpt-3.5-turbo
`);
    expect(m.entry).toBe('main.lua');
    expect(m.limits.timeout).toBe(60);
    expect(m.dependencies).toEqual([]);
    expect(m.permissions.llm.providers).toEqual(['*']);
    expect(m.permissions.tools).toEqual([]);
    expect(m.parameters[1]).toEqual({ name: 'model', type: 'string', description: '', required: false, default: 'gpt-3.5-turbo' });
  });

  it('infers the engine from the entry, and the entry from the engine', () => {
    expect(ok('name: a\nversion: 1.0.0\nentry: app.js\n')).toMatchObject({ engine: 'javascript', entry: 'app.js' });
    expect(ok('name: a\nversion: 1.0.0\nengine: javascript\n')).toMatchObject({ engine: 'javascript', entry: 'main.js' });
    expect(ok('name: a\nversion: 1.0.0\n')).toMatchObject({ engine: 'lua', entry: 'main.lua', parameters: [], tags: [] });
    expect(ok('name: a\nversion: 1.0.0\nengine: tengo\n')).toMatchObject({ engine: 'tengo', entry: 'main.tengo' });
  });

  it('gives the same result through the fast path and the yaml package', () => {
    const plain = 'name: a\nversion: 1.0.0\ntags: [x]\nparameters:\n  n:\n    type: integer\n    default: 3\n';
    // An anchor takes the text off the fast path; the result must not change.
    const anchored = 'name: a\nversion: 1.0.0\ntags: &t [x]\nparameters:\n  n:\n    type: integer\n    default: 3\n';
    expect(ok(anchored)).toEqual(ok(plain));
  });
});

describe('spell.yaml: every problem at once, with path and line', () => {
  it('reports the example from the issue', () => {
    expect(problems('name: a\nversion: 1.0.0\nparameters:\n  - name: x\n    type: string\n  - name: y\n    type: int\n')).toEqual([
      'spell.yaml:7: parameters[1].type: expected one of string|number|integer|boolean|array|object, got "int"',
    ]);
  });

  it('reports each kind of problem in line order', () => {
    const found = problems(`name: Bad_Name
version: 1.0
engine: cobol
paramters: {}
permissions:
  network: 5
  llm: { providers: [openai], model: x }
limits:
  timeout: -1
  memory: lots
parameters:
  foo:
    type: strin
  9x:
    type: string
  level:
    type: integer
    default: ten
    min: 5
    max: 1
  flag:
    type: boolean
    pattern: ^y
  choice:
    enum: [a, 2]
dependencies:
  other: "not a range!"
tags: [ok, 3]
`);
    expect(found).toEqual([
      'spell.yaml:1: name: expected a kebab-case name like "my-spell", got "Bad_Name"',
      'spell.yaml:2: version: expected a semantic version like "1.0.0", got 1',
      'spell.yaml:3: engine: expected one of lua|javascript|tengo, got "cobol"',
      expect.stringMatching(/^spell\.yaml:4: paramters: unknown field \(known: name, version, .*parameters/),
      'spell.yaml:6: permissions.network: expected true, false or a list of host names, got 5',
      'spell.yaml:7: permissions.llm.model: unknown field (known: providers, models)',
      'spell.yaml:9: limits.timeout: expected a positive duration like 60 or "60s" or "5m", got -1',
      'spell.yaml:10: limits.memory: expected a positive size like 128 (MB) or "128MB" or "1GB", got "lots"',
      'spell.yaml:13: parameters.foo.type: expected one of string|number|integer|boolean|array|object, got "strin"',
      'spell.yaml:14: parameters.9x: bad name: expected a parameter name of letters, digits, "_" or "-", got "9x"',
      'spell.yaml:18: parameters.level.default: expected an integer, got "ten"',
      'spell.yaml:20: parameters.level.max: expected max ≥ min (5), got 1',
      'spell.yaml:23: parameters.flag.pattern: a pattern applies to string parameters only, not boolean',
      'spell.yaml:25: parameters.choice.enum[1]: expected a string, got 2',
      'spell.yaml:27: dependencies.other: expected a version range like "^1.0.0", got "not a range!"',
      'spell.yaml:28: tags[1]: expected a tag, got 3',
    ]);
  });

  it('reports missing required fields at the line of their parent', () => {
    expect(problems('description: nothing else\n')).toEqual([
      'spell.yaml:1: name: expected a kebab-case name like "my-spell", got nothing',
      'spell.yaml:1: version: expected a semantic version like "1.0.0", got nothing',
    ]);
  });

  it('reports cross-field problems: engine against entry, duplicates, both spellings', () => {
    expect(
      problems(`name: a
version: 1.0.0
engine: lua
entry: main.js
entry_point: other.lua
timeout: 5
limits: { timeout: 6 }
parameters:
  - name: x
  - name: x
`),
    ).toEqual([
      'spell.yaml:4: entry: expected a .lua file for engine lua, got "main.js"',
      'spell.yaml:5: entry_point: entry_point ("other.lua") and entry ("main.js") disagree; keep entry',
      'spell.yaml:6: timeout: timeout is also set under limits; keep limits.timeout',
      'spell.yaml:10: parameters[1].name: duplicate parameter name "x"',
    ]);
  });

  it('refuses entries outside the folder and unknown engines by extension', () => {
    expect(problems('name: a\nversion: 1.0.0\nentry: ../x.lua\n')).toEqual([
      'spell.yaml:3: entry: expected a file path inside the spell folder, like "main.lua", got "../x.lua"',
    ]);
    expect(problems('name: a\nversion: 1.0.0\nentry: main.py\n')).toEqual([
      'spell.yaml:3: entry: cannot tell the engine from "main.py": add engine: lua|javascript|tengo',
    ]);
  });

  it('reports YAML syntax errors and a non-mapping top level with lines', () => {
    expect(problems('name: a\nversion: [1\n')[0]).toMatch(/^spell\.yaml:\d+: YAML syntax error: /);
    expect(problems('- a\n- b\n')).toEqual(['spell.yaml:1: expected a mapping of manifest fields (name, version, description, ...), got a list']);
    expect(problems('name: a\nname: b\nversion: 1.0.0\n')[0]).toMatch(/^spell\.yaml:2: YAML syntax error: .*unique/i);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(problems(bomb)[0]).toMatch(/YAML error: .*alias/i);
  });
});
