import { describe, expect, it } from 'vitest';
import { allTags, checkSpellName, filterSpells, sortSpells } from '../../renderer/state/library-filter';
import { summary } from './fake-client';

const spells = [
  summary({ path: '/a/hello', name: 'hello', description: 'Greets someone by name', tags: ['example', 'starter'] }),
  summary({ path: '/a/chat', name: 'chat', description: 'Talks to an LLM', tags: ['llm', 'chat'], engine: 'javascript' }),
  summary({ path: '/a/agent', name: 'agent', description: 'An agent with tools', tags: ['llm', 'agents'] }),
];

describe('library filter', () => {
  it('matches every word of the search in name, description or tags, ignoring case', () => {
    expect(filterSpells(spells, 'LLM', '').map((s) => s.name)).toEqual(['chat', 'agent']);
    expect(filterSpells(spells, 'agent tools', '').map((s) => s.name)).toEqual(['agent']);
    expect(filterSpells(spells, 'greets nobody', '')).toEqual([]);
    expect(filterSpells(spells, '  ', '')).toHaveLength(3);
  });

  it('keeps only spells with the chosen tag', () => {
    expect(filterSpells(spells, '', 'llm').map((s) => s.name)).toEqual(['chat', 'agent']);
    expect(filterSpells(spells, 'talks', 'llm').map((s) => s.name)).toEqual(['chat']);
  });

  it('lists each tag once, sorted', () => {
    expect(allTags(spells)).toEqual(['agents', 'chat', 'example', 'llm', 'starter']);
  });

  it('sorts by name', () => {
    expect(sortSpells(spells).map((s) => s.name)).toEqual(['agent', 'chat', 'hello']);
  });

  it('accepts kebab-case names that are not taken', () => {
    expect(checkSpellName('my-spell')).toBeUndefined();
    expect(checkSpellName('')).toMatch(/name/);
    expect(checkSpellName('My Spell')).toMatch(/kebab-case/);
    expect(checkSpellName('hello', ['hello'])).toMatch(/already exists/);
  });
});
