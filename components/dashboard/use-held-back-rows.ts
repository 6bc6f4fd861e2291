'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TDetection } from '@/lib/detections/schema';

/** Scrolled further than this, the user is reading: new rows wait above. */
const READING_SCROLL_Y = 160;

/**
 * While the user has scrolled down the table, rows that arrive are held back
 * (counted for an "N new" pill) instead of pushing the rows under the cursor
 * down. Back at the top, or on release(), they show.
 */
export function useHeldBackRows(rows: TDetection[]) {
  const [anchorId, setAnchorId] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useEffect(() => {
    const onScroll = () => {
      const reading = window.scrollY > READING_SCROLL_Y;
      setAnchorId((anchor) => (reading ? (anchor ?? rowsRef.current[0]?.id ?? null) : null));
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  const release = useCallback(() => {
    setAnchorId(null);
    window.scrollTo({ top: 0, behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, []);

  // The anchor may have left the bounded live list (a long burst): then show everything.
  const index = anchorId === null ? 0 : rows.findIndex((d) => d.id === anchorId);
  const held = index > 0 ? index : 0;
  return { visible: held > 0 ? rows.slice(held) : rows, held, release };
}
