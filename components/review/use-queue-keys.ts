'use client';

import { useEffect, useRef } from 'react';
import { isTypingTarget } from './queue-logic';

export type TQueueKeyActions = { move: (delta: 1 | -1) => void; approve: () => void; block: () => void; claimNext: () => void; toggle: () => void };

/**
 * The queue's keyboard: j/k or arrows move, a approves, b blocks, x selects,
 * n claims the next item. Never while typing in a field (a note, a verdict),
 * never with a modifier (the browser's own shortcuts stay theirs). The help
 * line under the title (review.shortcuts in the catalogs) says the same.
 */
export function useQueueKeys(enabled: boolean, actions: TQueueKeyActions) {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      const a = ref.current;
      const map: Record<string, () => void> = {
        j: () => a.move(1),
        ArrowDown: () => a.move(1),
        k: () => a.move(-1),
        ArrowUp: () => a.move(-1),
        a: a.approve,
        b: a.block,
        x: a.toggle,
        n: a.claimNext,
      };
      const fn = map[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
