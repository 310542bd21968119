import type * as Monaco from 'monaco-editor/editor/editor.api';

/** Monaco theme names matching the studio's light and dark themes. */
export const EDITOR_THEMES = { light: 'llmspell-light', dark: 'llmspell-dark' } as const;

/** Defines the editor themes: Monaco's own, on the studio's surface colours. */
export function defineStudioThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(EDITOR_THEMES.light, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6a737d', fontStyle: 'italic' },
      { token: 'keyword', foreground: '8250df' },
      { token: 'string', foreground: '0a7a3d' },
      { token: 'number', foreground: 'b35900' },
    ],
    colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f3f5f9', 'editorLineNumber.foreground': '#a0a7b4' },
  });
  monaco.editor.defineTheme(EDITOR_THEMES.dark, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '7d8799', fontStyle: 'italic' },
      { token: 'keyword', foreground: 'c792ea' },
      { token: 'string', foreground: 'a5d6a7' },
      { token: 'number', foreground: 'f8bd7f' },
    ],
    colors: { 'editor.background': '#15181e', 'editor.lineHighlightBackground': '#1d2129', 'editorLineNumber.foreground': '#4f5766' },
  });
}
