/** What a keyboard shortcut does. */
export type ShortcutCommand = 'run' | 'stop' | 'save' | 'search' | 'settings' | 'new-spell' | 'help' | 'focus-editor' | 'focus-output';

/** The keys of a keyboard event that shortcuts look at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Physical key (`KeyN`): Alt+N types `˜` on a Mac keyboard, the code stays `KeyN`. */
  code?: string;
}

interface Shortcut {
  command: ShortcutCommand;
  /** Shown in the shortcuts dialog; `Mod` is Ctrl, or ⌘ on a Mac. */
  keys: string;
  label: string;
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
  key: string;
  /** Also fires while typing in a text field (the editor, a form). */
  inText?: boolean;
}

/** Every shortcut of the studio, in the order the help lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'run', keys: 'Mod+Enter', label: 'Run the open spell', mod: true, key: 'enter', inText: true },
  { command: 'stop', keys: 'Mod+.', label: 'Stop the run', mod: true, key: '.', inText: true },
  { command: 'save', keys: 'Mod+S', label: 'Save the file', mod: true, key: 's', inText: true },
  { command: 'search', keys: 'Mod+P', label: 'Search spells', mod: true, key: 'p', inText: true },
  { command: 'new-spell', keys: 'Alt+N', label: 'New spell', alt: true, key: 'n', inText: true },
  { command: 'focus-editor', keys: 'Alt+E', label: 'Focus the editor', alt: true, key: 'e', inText: true },
  { command: 'focus-output', keys: 'Alt+I', label: 'Focus the input box (io.read)', alt: true, key: 'i', inText: true },
  { command: 'settings', keys: 'Mod+,', label: 'Settings', mod: true, key: ',', inText: true },
  { command: 'help', keys: '?', label: 'Keyboard shortcuts', key: '?', shift: true },
];

/**
 * The command a key press means, if any. `Mod` is Ctrl or ⌘ (either is accepted everywhere);
 * `?` only counts outside text fields, so it can still be typed.
 */
export function matchShortcut(press: KeyPress, inTextField: boolean): ShortcutCommand | undefined {
  const key = press.key.toLowerCase();
  const mod = press.ctrlKey || press.metaKey;
  const found = SHORTCUTS.find(
    (s) =>
      (s.key === key || press.code?.toLowerCase() === `key${s.key}`) &&
      !!s.mod === mod &&
      !!s.alt === press.altKey &&
      (s.shift === undefined ? !press.shiftKey : true) &&
      (s.inText || !inTextField),
  );
  return found?.command;
}

/** `Mod+Enter` as this platform writes it. */
export function displayKeys(keys: string, mac: boolean): string {
  return mac ? keys.replace('Mod+', '⌘').replace('Alt+', '⌥').replace('Enter', '↩') : keys.replace('Mod', 'Ctrl');
}
