import { useRef, useState } from 'preact/hooks';

export interface Offset {
  right: number;
  bottom: number;
}

const MARGIN = 16;

/**
 * Moves the floating bar with a pointer on its grip; the offset is kept from the bottom-right corner, so
 * the bar stays put when the window is resized. Clamped to the viewport so it cannot be lost off-screen.
 */
export function useDraggable(initial: Offset = { right: MARGIN, bottom: MARGIN }) {
  const [offset, setOffset] = useState(initial);
  const start = useRef<{ x: number; y: number; offset: Offset } | undefined>(undefined);
  const clamp = (value: number, max: number) => Math.min(Math.max(0, value), Math.max(0, max));

  const handleProps = {
    onPointerDown(event: PointerEvent) {
      if (!event.isTrusted || event.button !== 0) return;
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      start.current = { x: event.clientX, y: event.clientY, offset };
    },
    onPointerMove(event: PointerEvent) {
      const from = start.current;
      if (!from) return;
      setOffset({
        right: clamp(from.offset.right - (event.clientX - from.x), innerWidth - 80),
        bottom: clamp(from.offset.bottom - (event.clientY - from.y), innerHeight - 40),
      });
    },
    onPointerUp() {
      start.current = undefined;
    },
  };
  return { offset, handleProps };
}
