/** Places the keyboard can jump to. */
export type FocusTarget = 'search' | 'editor' | 'input';

const handlers = new Map<FocusTarget, () => void>();

/** Lets a component that cannot be focused by selector (Monaco) say how to focus it. */
export function registerFocus(target: FocusTarget, focus: () => void): () => void {
  handlers.set(target, focus);
  return () => {
    if (handlers.get(target) === focus) handlers.delete(target);
  };
}

/** Focuses a place: a registered handler, else the element marked `data-focus="<name>"`. */
export function focusTarget(target: FocusTarget): void {
  const handler = handlers.get(target);
  if (handler) return handler();
  const el = document.querySelector<HTMLElement>(`[data-focus="${target}"]`);
  el?.focus();
  if (el instanceof HTMLInputElement) el.select();
}
