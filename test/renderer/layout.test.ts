import { describe, expect, it } from 'vitest';
import { clampPane, DEFAULT_PANES, PANE_LIMITS, parseLayout } from '../../renderer/state/layout';
import { createUiStore, type KeyValueStorage } from '../../renderer/state/ui-store';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('layout', () => {
  it('clamps pane sizes to their limits', () => {
    expect(clampPane('library', 10)).toBe(PANE_LIMITS.library.min);
    expect(clampPane('library', 10_000)).toBe(PANE_LIMITS.library.max);
    expect(clampPane('console', 300.4)).toBe(300);
    expect(clampPane('side', Number.NaN)).toBe(DEFAULT_PANES.side);
  });

  it('falls back to defaults for missing or malformed storage', () => {
    expect(parseLayout(null, 'dark')).toEqual({ theme: 'dark', panes: DEFAULT_PANES });
    expect(parseLayout('{not json', 'light').theme).toBe('light');
    expect(parseLayout(JSON.stringify({ theme: 'purple', panes: { library: 'wide', console: 5000 } }), 'light')).toEqual({
      theme: 'light',
      panes: { ...DEFAULT_PANES, console: PANE_LIMITS.console.max },
    });
  });

  it('remembers theme and pane sizes across stores (a reload)', () => {
    const storage = memoryStorage();
    const ui = createUiStore(storage, 'light');
    ui.getState().toggleTheme();
    ui.getState().setPane('library', 400);
    const again = createUiStore(storage, 'light');
    expect(again.getState().theme).toBe('dark');
    expect(again.getState().panes.library).toBe(400);
  });
});
