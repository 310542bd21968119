import { create } from 'zustand';
import { clampPane, parseLayout, type Layout, type PaneKey, type Theme } from './layout';

/** The part of localStorage the stores use (absent under Node tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Modal dialogs; one at a time. */
export type DialogName = 'settings' | 'new-spell' | 'new-workflow' | 'trash' | 'shortcuts' | 'help';

export interface UiState extends Layout {
  dialog: DialogName | null;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  setPane(key: PaneKey, size: number): void;
  openDialog(name: DialogName): void;
  closeDialog(): void;
}

const KEY = 'llmspell.layout';

/** Theme, pane sizes (remembered) and which dialog is open. */
export function createUiStore(storage?: KeyValueStorage, preferred: Theme = 'light') {
  return create<UiState>()((set, get) => {
    const persist = () => storage?.setItem(KEY, JSON.stringify({ theme: get().theme, panes: get().panes }));
    return {
      ...parseLayout(storage?.getItem(KEY) ?? null, preferred),
      dialog: null,
      setTheme: (theme) => (set({ theme }), persist()),
      toggleTheme: () => get().setTheme(get().theme === 'dark' ? 'light' : 'dark'),
      setPane: (key, size) => (set({ panes: { ...get().panes, [key]: clampPane(key, size) } }), persist()),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
    };
  });
}
