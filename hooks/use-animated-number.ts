'use client';

import { useEffect, useRef, useState } from 'react';

const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;
/** A value that changes again within this long shows at once: the count-up is for the occasional change. */
const BUSY_WITHIN_MS = 5_000;

/** No animation for people who asked for none, nor for a tab nobody sees (rAF would stall until it is shown). */
function shouldJump(): boolean {
  if (typeof window === 'undefined') return true;
  return document.hidden || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The number to display while `target` counts up: an increase runs from the
 * shown value to the new one over `durationMs` with requestAnimationFrame and
 * always ends exactly on `target` (tests read the final text). A first value,
 * a decrease (a new UTC day), a change within 5 s of the last one (a busy
 * stream) or reduced motion jumps straight there.
 * `decimals` keeps a rate such as 2.5/min from showing 2.4837 on the way.
 */
export function useAnimatedNumber(target: number | null, options: { durationMs?: number; decimals?: number } = {}): number | null {
  const { durationMs = 400, decimals = 0 } = options;
  const [shown, setShown] = useState(target);
  const shownRef = useRef(target);
  const changedAt = useRef(0);

  useEffect(() => {
    const from = shownRef.current;
    const show = (value: number | null) => {
      shownRef.current = value;
      setShown(value);
    };
    // Under attack the counters change every couple of seconds: counting up each
    // time would redraw them every frame. A change soon after the last one jumps.
    const now = performance.now();
    const busy = now - changedAt.current < BUSY_WITHIN_MS;
    changedAt.current = now;
    if (target === null || from === null || target <= from || busy || shouldJump()) {
      show(target);
      return;
    }
    const factor = 10 ** decimals;
    const started = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const t = Math.min(1, (now - started) / durationMs);
      show(t >= 1 ? target : Math.round((from + (target - from) * easeOutCubic(t)) * factor) / factor);
      if (t < 1) frame = requestAnimationFrame(step);
    });
    // A newer target takes over from wherever this run had got to.
    return () => cancelAnimationFrame(frame);
  }, [target, durationMs, decimals]);

  // The render that brings the first value must not show a blank until the effect runs.
  return shown === null ? target : shown;
}

/**
 * True for `ms` after `value` goes up (each rise restarts the clock): drives the
 * brief highlight of a KPI card. Like the count-up, only for the occasional
 * rise: a card that flashes every two seconds under attack says nothing.
 */
export function useRiseFlash(value: number | null, ms = 1_000): boolean {
  const previous = useRef(value);
  const roseAt = useRef(-Infinity);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [flashing, setFlashing] = useState(false);

  useEffect(() => {
    const rose = value !== null && previous.current !== null && value > previous.current;
    previous.current = value;
    if (!rose) return;
    const now = performance.now();
    const busy = now - roseAt.current < BUSY_WITHIN_MS;
    roseAt.current = now;
    if (busy) return;
    setFlashing(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFlashing(false), ms);
  }, [value, ms]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return flashing;
}
