import { describe, expect, it } from 'vitest';
import { displayKeys, matchShortcut, type KeyPress } from '../../renderer/features/layout/shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps Ctrl or Cmd combinations, also inside the editor', () => {
    expect(matchShortcut(press('Enter', { ctrlKey: true }), true)).toBe('run');
    expect(matchShortcut(press('Enter', { metaKey: true }), true)).toBe('run');
    expect(matchShortcut(press('s', { ctrlKey: true }), true)).toBe('save');
    expect(matchShortcut(press('S', { metaKey: true }), false)).toBe('save');
    expect(matchShortcut(press('.', { ctrlKey: true }), true)).toBe('stop');
    expect(matchShortcut(press('p', { ctrlKey: true }), false)).toBe('search');
    expect(matchShortcut(press(',', { ctrlKey: true }), false)).toBe('settings');
  });

  it('uses the physical key for Alt combinations (a Mac types ˜ for Alt+N)', () => {
    expect(matchShortcut(press('˜', { altKey: true, code: 'KeyN' }), false)).toBe('new-spell');
    expect(matchShortcut(press('n', { altKey: true }), true)).toBe('new-spell');
  });

  it('leaves plain typing alone', () => {
    expect(matchShortcut(press('Enter'), true)).toBeUndefined();
    expect(matchShortcut(press('s'), false)).toBeUndefined();
    expect(matchShortcut(press('?', { shiftKey: true }), true)).toBeUndefined();
    expect(matchShortcut(press('?', { shiftKey: true }), false)).toBe('help');
    expect(matchShortcut(press('Enter', { ctrlKey: true, altKey: true }), true)).toBeUndefined();
  });

  it('shows keys the platform way', () => {
    expect(displayKeys('Mod+Enter', false)).toBe('Ctrl+Enter');
    expect(displayKeys('Mod+Enter', true)).toBe('⌘↩');
  });
});
