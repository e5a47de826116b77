"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Screen updates queued for the next animation frame and run together there
 * (`flush` runs the queued ones at once). While the live check runs, a render
 * between one packet and the next would hold the next one back for as long as
 * it takes; queued, the packets go first and the screen follows at its frame.
 */
export function useFrameBatch(): { onNextFrame: (update: () => void) => void; flush: () => void } {
  const frame = useRef<number | null>(null);
  const queued = useRef<(() => void)[]>([]);
  const flush = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    for (const update of queued.current.splice(0)) update();
  }, []);
  const onNextFrame = useCallback(
    (update: () => void) => {
      queued.current.push(update);
      frame.current ??= requestAnimationFrame(() => flush());
    },
    [flush],
  );
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  return { onNextFrame, flush };
}
