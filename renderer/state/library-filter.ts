import { SpellName } from '../../runtime/contract/spell-manifest-fields';
import type { SpellSummary } from '../../runtime/contract/studio-api';

/**
 * Library search as the host does it: every word of the query must appear in the name, description
 * or tags (case-insensitive); a tag, when chosen, must be one of the spell's tags.
 */
export function filterSpells(spells: readonly SpellSummary[], text: string, tag: string): SpellSummary[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return spells.filter((spell) => {
    if (tag && !spell.tags.includes(tag)) return false;
    const haystack = `${spell.name} ${spell.description} ${spell.tags.join(' ')}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Every tag used in the library, sorted, each once. */
export function allTags(spells: readonly SpellSummary[]): string[] {
  return [...new Set(spells.flatMap((spell) => spell.tags))].sort((a, b) => a.localeCompare(b));
}

/** Spells sorted by name, for a stable list. */
export function sortSpells(spells: readonly SpellSummary[]): SpellSummary[] {
  return [...spells].sort((a, b) => a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
}

/** A spell name the host accepts: kebab-case (`my-spell`), or the reason it does not. */
export function checkSpellName(name: string, taken: readonly string[] = []): string | undefined {
  if (!name) return 'Give the spell a name.';
  if (!SpellName.safeParse(name).success) return 'Use kebab-case: lowercase letters, digits and dashes, like my-spell.';
  if (taken.includes(name)) return `A spell named ${name} already exists.`;
  return undefined;
}
