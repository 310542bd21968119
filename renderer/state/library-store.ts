import { create } from 'zustand';
import type { SpellSummary, StudioClient, StudioInput } from '../../runtime/contract/studio-api';
import { sortSpells } from './library-filter';

/** A spell in the trash, restorable. */
export interface TrashItem {
  trashId: string;
  name: string;
  deletedAt: number;
}

export interface LibraryState {
  spells: SpellSummary[];
  loaded: boolean;
  text: string;
  tag: string;
  trash: TrashItem[];
  error: string | null;
  load(): Promise<void>;
  setText(text: string): void;
  setTag(tag: string): void;
  create(input: StudioInput<'library.create'>): Promise<SpellSummary>;
  duplicate(path: string, name: string): Promise<SpellSummary>;
  rename(path: string, name: string): Promise<SpellSummary>;
  remove(path: string): Promise<void>;
  loadTrash(): Promise<void>;
  restore(trashId: string): Promise<SpellSummary>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The library browser's store: every spell, the search and tag filter, and the trash. */
export function createLibraryStore(client: StudioClient) {
  return create<LibraryState>()((set, get) => {
    /** Runs a change, then reloads the list (and the trash) so the browser shows the disk. */
    async function change<T>(work: () => Promise<T>): Promise<T> {
      try {
        const result = await work();
        set({ error: null });
        return result;
      } catch (error) {
        set({ error: message(error) });
        throw error;
      } finally {
        await Promise.all([get().load(), get().loadTrash()]);
      }
    }
    return {
      spells: [],
      loaded: false,
      text: '',
      tag: '',
      trash: [],
      error: null,
      async load() {
        try {
          set({ spells: sortSpells(await client.call('library.list', {})), loaded: true });
        } catch (error) {
          set({ error: message(error), loaded: true });
        }
      },
      setText: (text) => set({ text }),
      setTag: (tag) => set({ tag }),
      create: (input) => change(() => client.call('library.create', input)),
      duplicate: (path, name) => change(() => client.call('library.duplicate', { path, name })),
      rename: (path, name) => change(() => client.call('library.rename', { path, name })),
      remove: (path) => change(async () => void (await client.call('library.delete', { path }))),
      async loadTrash() {
        try {
          const trash = await client.call('library.trash', {});
          set({ trash: [...trash].sort((a, b) => b.deletedAt - a.deletedAt) });
        } catch (error) {
          set({ error: message(error) });
        }
      },
      restore: (trashId) => change(() => client.call('library.restore', { trashId })),
    };
  });
}
