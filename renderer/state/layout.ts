/**
 * Pane sizes and theme, remembered in localStorage: pure parsing (anything malformed falls back to
 * the defaults) and clamping so a pane can neither vanish nor swallow the editor.
 */

/** A resizable pane: the library on the left, the run side panel on the right, the console below. */
export type PaneKey = 'library' | 'side' | 'console';
export type Theme = 'light' | 'dark';

export interface Layout {
  theme: Theme;
  panes: Record<PaneKey, number>;
}

export const DEFAULT_PANES: Record<PaneKey, number> = { library: 272, side: 320, console: 240 };

/** Smallest and largest size of each pane, in CSS pixels. */
export const PANE_LIMITS: Record<PaneKey, { min: number; max: number }> = {
  library: { min: 180, max: 560 },
  side: { min: 240, max: 640 },
  console: { min: 96, max: 900 },
};

/** `value` kept within the pane's limits (and whole pixels). */
export function clampPane(key: PaneKey, value: number): number {
  const { min, max } = PANE_LIMITS[key];
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(value) ? value : DEFAULT_PANES[key])));
}

/** The layout stored as JSON, or the defaults (with `preferred` theme) when absent or malformed. */
export function parseLayout(text: string | null, preferred: Theme): Layout {
  let stored: unknown;
  try {
    stored = text ? JSON.parse(text) : undefined;
  } catch {
    stored = undefined;
  }
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<'theme' | 'panes', unknown>>;
  const panes = (typeof s.panes === 'object' && s.panes !== null ? s.panes : {}) as Partial<Record<PaneKey, unknown>>;
  const size = (key: PaneKey) => (typeof panes[key] === 'number' ? clampPane(key, panes[key]) : DEFAULT_PANES[key]);
  return {
    theme: s.theme === 'light' || s.theme === 'dark' ? s.theme : preferred,
    panes: { library: size('library'), side: size('side'), console: size('console') },
  };
}
