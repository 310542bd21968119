import { useEffect } from 'react';
import { commands, useEditor, useRun, useUi } from '../../state';
import { focusTarget } from './focus';
import { matchShortcut, type ShortcutCommand } from './shortcuts';

function perform(command: ShortcutCommand): void {
  switch (command) {
    case 'run':
      return void commands.runSpell();
    case 'stop':
      return void useRun.getState().stop();
    case 'save':
      return void useEditor.getState().save();
    case 'search':
      return focusTarget('search');
    case 'settings':
      return useUi.getState().openDialog('settings');
    case 'new-spell':
      return useUi.getState().openDialog('new-spell');
    case 'help':
      return useUi.getState().openDialog('shortcuts');
    case 'focus-editor':
      return focusTarget('editor');
    case 'focus-output':
      return focusTarget('input');
  }
}

const isTextField = (el: Element | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type)) || !!el.closest('.monaco-editor'));

/**
 * The studio's keyboard shortcuts, on window in the capture phase so they work the same inside
 * Monaco (which would otherwise take Ctrl+Enter and Ctrl+S for itself).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = matchShortcut(event, isTextField(document.activeElement));
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      // Inside a modal dialog only its own keys apply (Escape closes it).
      if (!useUi.getState().dialog) perform(command);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
