import { useSyncExternalStore } from 'react';

/** Windows this wide or narrower fold the library and side panel into toggles. */
export const NARROW_QUERY = '(max-width: 1000px)';

const query = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : undefined;
const subscribe = (onChange: () => void) => {
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
};

/** Whether the window is narrow (≤ 1000 px), following resizes. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => query?.matches ?? false);
}
