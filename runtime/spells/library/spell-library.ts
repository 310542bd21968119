import type { SpellIndexEntry, SpellQuery } from '../../contract/spell-library';
import type { LibraryFolder } from './library-folders';
import { scanFolder, type IndexedSpell } from './scan-folder';
import { searchSpells } from './search';

/**
 * The spell library: an index of the spells in the library folders, kept current by mtime checks on
 * demand. `refresh()` re-lists every folder and re-reads only the manifests whose mtime, size or
 * inode changed (a stat per spell, no parsing); callers refresh when they are about to show or search
 * the library (the CLI once per command, the Studio on focus or on a timer). No watcher runs in the
 * background, so nothing needs closing. Indexing reads files and never executes a spell.
 */
export class SpellLibrary {
  private spells: IndexedSpell[] = [];
  private byPath = new Map<string, IndexedSpell>();
  private indexed = false;

  /** Folders in precedence order: when two spells share a name, the first folder's wins. */
  constructor(readonly folders: readonly LibraryFolder[]) {}

  /** Brings the index up to date; returns whether anything was added, changed or removed. */
  refresh(): boolean {
    const next: IndexedSpell[] = [];
    for (const folder of this.folders) next.push(...scanFolder(folder.path, this.byPath));
    const changed = !this.indexed || next.length !== this.spells.length || next.some((spell, i) => spell !== this.spells[i]);
    this.spells = next;
    this.byPath = new Map(next.map((spell) => [spell.entry.path, spell]));
    this.indexed = true;
    return changed;
  }

  /** Every indexed spell, folder by folder in precedence order, by name within a folder. */
  entries(): SpellIndexEntry[] {
    this.ensureIndexed();
    return this.spells.map((spell) => spell.entry);
  }

  /** The spell called `name` (the manifest's name, else the folder's), from the first folder that has one. */
  find(name: string): SpellIndexEntry | undefined {
    this.ensureIndexed();
    return this.spells.find((spell) => spell.entry.name === name)?.entry;
  }

  /** Spells matching a text and/or tag query, best first. */
  search(query: SpellQuery): SpellIndexEntry[] {
    this.ensureIndexed();
    return searchSpells(this.spells, query);
  }

  private ensureIndexed(): void {
    if (!this.indexed) this.refresh();
  }
}
