import type { SpellIndexEntry, SpellQuery } from '../../contract/spell-library';
import type { IndexedSpell } from './scan-folder';

/**
 * Searches indexed spells: every word of `text` must appear in the name, description or tags; `tag`
 * must be one of the tags (case-insensitive). Best first: exact name, name prefix, name, tag, then
 * description matches; ties by name.
 */
export function searchSpells(spells: readonly IndexedSpell[], query: SpellQuery): SpellIndexEntry[] {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const tag = query.tag?.toLowerCase();
  const hits: { entry: SpellIndexEntry; score: number }[] = [];
  for (const spell of spells) {
    if (tag !== undefined && !spell.entry.tags.some((t) => t.toLowerCase() === tag)) continue;
    if (!words.every((word) => spell.haystack.includes(word))) continue;
    hits.push({ entry: spell.entry, score: words.length ? score(spell.entry, words) : 0 });
  }
  return hits
    .sort((a, b) => b.score - a.score || (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0))
    .map((hit) => hit.entry);
}

function score(entry: SpellIndexEntry, words: string[]): number {
  const name = entry.name.toLowerCase();
  let total = words.join(' ') === name || words.join('-') === name ? 100 : 0;
  for (const word of words) {
    if (name.startsWith(word)) total += 10;
    else if (name.includes(word)) total += 5;
    if (entry.tags.some((t) => t.toLowerCase() === word)) total += 4;
    if (entry.description.toLowerCase().includes(word)) total += 1;
  }
  return total;
}
