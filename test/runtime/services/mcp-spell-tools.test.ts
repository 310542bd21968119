/** Which spells `llmspell mcp serve` offers, under which names and with which input schemas. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectSpellTools, parametersSchema } from '../../../runtime/services/mcp-serve/spell-tools';
import { SpellLibrary } from '../../../runtime/spells/library/spell-library';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-mcp-tools-');
afterAll(() => ws.cleanup());
const library = () => new SpellLibrary([]);

function spell(dir: string, manifest: string | undefined, code = 'print(1)\n'): string {
  const full = path.join(ws.dir, dir);
  mkdirSync(full, { recursive: true });
  if (manifest !== undefined) writeFileSync(path.join(full, 'spell.yaml'), manifest);
  writeFileSync(path.join(full, 'main.lua'), code);
  return full;
}

describe('spells as MCP tools', () => {
  it('takes spells, folders of spells and bare files, sorted by name', () => {
    spell('set/b-spell', 'name: b-spell\nversion: 1.0.0\ndescription: The second.\n');
    spell('set/a-spell', 'name: a-spell\nversion: 1.0.0\n');
    const single = spell('one', 'name: one\nversion: 1.0.0\ndescription: Just one.\n');
    const file = ws.write('loose.lua', 'print(2)\n');
    const tools = collectSpellTools(['set', single, file], ws.dir, library);
    expect(tools.map((t) => [t.name, t.description])).toEqual([
      ['a-spell', 'The llmspell spell a-spell.'],
      ['b-spell', 'The second.'],
      ['loose', 'The llmspell spell loose.'],
      ['one', 'Just one.'],
    ]);
    expect(tools[2]!.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: true });
  });

  it('refuses two spells with one name, and a folder with no spells', () => {
    const first = spell('dup1', 'name: same\nversion: 1.0.0\n');
    const second = spell('dup2', 'name: same\nversion: 1.0.0\n');
    expect(() => collectSpellTools([first, second], ws.dir, library)).toThrow(/two spells are named same/);
    mkdirSync(path.join(ws.dir, 'empty'));
    expect(() => collectSpellTools(['empty'], ws.dir, library)).toThrow('empty: neither a spell nor a folder of spells');
  });

  it('turns declared parameters into a JSON Schema', () => {
    expect(
      parametersSchema([
        { name: 'text', type: 'string', description: 'What to say', required: true, min: 1, max: 80, pattern: '^[a-z]' },
        { name: 'count', type: 'integer', description: '', required: true, default: 2, min: 1 },
        { name: 'tags', type: 'array', description: '', required: false, max: 3 },
        { name: 'mode', type: 'string', description: '', required: false, enum: ['a', 'b'] },
      ]),
    ).toEqual({
      type: 'object',
      properties: {
        text: { type: 'string', description: 'What to say', pattern: '^[a-z]', minLength: 1, maxLength: 80 },
        count: { type: 'integer', default: 2, minimum: 1 },
        tags: { type: 'array', maxItems: 3 },
        mode: { type: 'string', enum: ['a', 'b'] },
      },
      required: ['text'],
      additionalProperties: false,
    });
  });
});
