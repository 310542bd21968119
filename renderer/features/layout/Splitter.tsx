import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { PANE_LIMITS, useUi, type PaneKey } from '../../state';

interface SplitterProps {
  pane: PaneKey;
  label: string;
  orientation: 'vertical' | 'horizontal';
  /** +1 when dragging right/down grows the pane, -1 when it shrinks it. */
  direction: 1 | -1;
}

/**
 * A draggable, keyboard-operable divider between panes (role `separator`, arrows resize by 16 px,
 * Home/End to the limits). Sizes are remembered by the UI store.
 */
export function Splitter({ pane, label, orientation, direction }: SplitterProps) {
  const size = useUi((s) => s.panes[pane]);
  const setPane = useUi((s) => s.setPane);
  const drag = useRef<{ start: number; size: number } | null>(null);
  const axis = (e: { clientX: number; clientY: number }) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { start: axis(e), size };
    document.body.classList.add(orientation === 'vertical' ? 'resizing-x' : 'resizing-y');
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) setPane(pane, drag.current.size + direction * (axis(e) - drag.current.start));
  };
  const onPointerUp = () => {
    drag.current = null;
    document.body.classList.remove('resizing-x', 'resizing-y');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow = orientation === 'vertical' ? { ArrowRight: 16, ArrowLeft: -16 } : { ArrowDown: 16, ArrowUp: -16 };
    const step = grow[e.key as keyof typeof grow];
    if (step !== undefined) setPane(pane, size + direction * step);
    else if (e.key === 'Home') setPane(pane, PANE_LIMITS[pane].min);
    else if (e.key === 'End') setPane(pane, PANE_LIMITS[pane].max);
    else return;
    e.preventDefault();
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={size}
      aria-valuemin={PANE_LIMITS[pane].min}
      aria-valuemax={PANE_LIMITS[pane].max}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
