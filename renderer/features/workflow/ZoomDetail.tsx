import { Background, useOnViewportChange, useStore } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Below this zoom a card shows its id and status only (text smaller than ~5 px says nothing more). */
export const FAR_ZOOM = 0.4;

/** How long the view stays one layer after it last moved. */
const SETTLE_MS = 250;

/**
 * The canvas's level of detail, set on its container as attributes (React owns its class) rather
 * than rendered by each card, so a pan or zoom frame re-renders nothing per node:
 * - `data-far` when zoomed out past {@link FAR_ZOOM}: CSS hides config summaries and port names, and
 *   the dotted background goes (at that scale it is a grey wash that costs a repaint every frame);
 * - `data-moving` while the view pans or zooms: the viewport becomes its own compositor layer, so a
 *   frame moves already-painted pixels instead of repainting every node (removed at the end, which
 *   repaints once at the final zoom, sharp, {@link SETTLE_MS} after the last move).
 */
export function ZoomDetail({ container }: { container: RefObject<HTMLElement | null> }) {
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  useEffect(() => {
    container.current?.toggleAttribute('data-far', far);
  }, [far, container]);
  // Stable callbacks: the hook writes them into the flow's store, which would wake every subscriber.
  // The layer goes a moment after the last move, not at each gesture's end: a wheel gesture ends
  // 150 ms after its last tick even while a drag (or the next wheel) goes on, and every frame moved
  // without the layer repaints all the cards.
  const settle = useRef<ReturnType<typeof setTimeout>>(undefined);
  const onMove = useCallback(() => {
    clearTimeout(settle.current);
    if (!container.current?.hasAttribute('data-moving')) container.current?.toggleAttribute('data-moving', true);
  }, [container]);
  const onEnd = useCallback(() => {
    clearTimeout(settle.current);
    settle.current = setTimeout(() => container.current?.toggleAttribute('data-moving', false), SETTLE_MS);
  }, [container]);
  useEffect(() => () => clearTimeout(settle.current), []);
  useOnViewportChange({ onStart: onMove, onChange: onMove, onEnd });
  return far ? null : <Background gap={20} />;
}
