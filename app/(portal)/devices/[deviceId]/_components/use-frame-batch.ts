"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Screen updates queued for the next animation frame and run together there
 * (`flush` runs the queued ones at once). While the live check runs, a render
 * between one packet and the next would hold the next one back for as long as
 * it takes; queued, the packets go first and the screen follows at its frame.
 *
 * `hold(ms)` keeps the queue off the screen for that long first: a check on
 * loopback ends well inside it, and then its steps and verdict show in one
 * render instead of a frame of cleared steps halfway through its packets.
 */
export function useFrameBatch(): {
  onNextFrame: (update: () => void) => void;
  flush: () => void;
  hold: (ms: number) => void;
} {
  const frame = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const heldUntil = useRef(0);
  const queued = useRef<(() => void)[]>([]);
  const cancel = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    if (timer.current !== null) clearTimeout(timer.current);
    frame.current = null;
    timer.current = null;
  }, []);
  const flush = useCallback(() => {
    cancel();
    heldUntil.current = 0;
    for (const update of queued.current.splice(0)) update();
  }, [cancel]);
  const onNextFrame = useCallback(
    (update: () => void) => {
      queued.current.push(update);
      if (frame.current !== null || timer.current !== null) return;
      const wait = heldUntil.current - performance.now();
      if (wait <= 0) {
        frame.current = requestAnimationFrame(flush);
        return;
      }
      timer.current = setTimeout(() => {
        timer.current = null;
        frame.current = requestAnimationFrame(flush);
      }, wait);
    },
    [flush],
  );
  const hold = useCallback((ms: number) => {
    heldUntil.current = performance.now() + ms;
  }, []);
  useEffect(() => cancel, [cancel]);
  return { onNextFrame, flush, hold };
}
