import { create } from 'zustand';
import { clampPane, parseLayout, type Layout, type PaneKey, type Theme } from './layout';

/** The part of localStorage the stores use (absent under Node tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Modal dialogs; one at a time. */
export type DialogName = 'settings' | 'new-spell' | 'new-workflow' | 'trash' | 'shortcuts' | 'help' | 'compare' | 'trace';

export interface UiState extends Layout {
  dialog: DialogName | null;
  /** Rows the Output console keeps (older ones are dropped; Show all fetches them). */
  consoleMaxLines: number;
  /** In a narrow window the side panes are overlays: the one shown, if any. */
  overlay: 'library' | 'side' | null;
  toggleOverlay(pane: 'library' | 'side'): void;
  setConsoleMaxLines(lines: number): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  setPane(key: PaneKey, size: number): void;
  openDialog(name: DialogName): void;
  closeDialog(): void;
}

const KEY = 'llmspell.layout';
const CONSOLE_KEY = 'llmspell.consoleMaxLines';
/** The console's row cap: 10,000 by default, between 1,000 and 1,000,000. */
export const CONSOLE_LINES = { default: 10_000, min: 1000, max: 1_000_000 };

function parseLines(text: string | null): number {
  const n = Number(text);
  return text && Number.isInteger(n) && n >= CONSOLE_LINES.min && n <= CONSOLE_LINES.max ? n : CONSOLE_LINES.default;
}

/** Theme, pane sizes (remembered) and which dialog is open. */
export function createUiStore(storage?: KeyValueStorage, preferred: Theme = 'light') {
  return create<UiState>()((set, get) => {
    const persist = () => storage?.setItem(KEY, JSON.stringify({ theme: get().theme, panes: get().panes }));
    return {
      ...parseLayout(storage?.getItem(KEY) ?? null, preferred),
      dialog: null,
      overlay: null,
      toggleOverlay: (pane) => set({ overlay: get().overlay === pane ? null : pane }),
      consoleMaxLines: parseLines(storage?.getItem(CONSOLE_KEY) ?? null),
      setConsoleMaxLines: (lines) => {
        const n = Math.round(Math.min(CONSOLE_LINES.max, Math.max(CONSOLE_LINES.min, lines)));
        set({ consoleMaxLines: n });
        storage?.setItem(CONSOLE_KEY, String(n));
      },
      setTheme: (theme) => (set({ theme }), persist()),
      toggleTheme: () => get().setTheme(get().theme === 'dark' ? 'light' : 'dark'),
      setPane: (key, size) => (set({ panes: { ...get().panes, [key]: clampPane(key, size) } }), persist()),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => set({ dialog: null }),
    };
  });
}
