'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { TDetection } from '@/lib/detections/schema';

/** The table's top this far above the viewport: its first rows are out of sight, the user is reading further down. */
const READING_OFFSET_PX = 48;

/**
 * While the user has scrolled down the table, rows that arrive are held back
 * (counted for an "N new" pill) instead of pushing the rows under the cursor
 * down. Back at the top, or on release(), they show.
 */
export function useHeldBackRows(rows: TDetection[], tableRef: RefObject<HTMLElement | null>) {
  const [anchorId, setAnchorId] = useState<string | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useEffect(() => {
    const onScroll = () => {
      const top = tableRef.current?.getBoundingClientRect().top;
      const reading = top !== undefined && top < -READING_OFFSET_PX;
      setAnchorId((anchor) => (reading ? (anchor ?? rowsRef.current[0]?.id ?? null) : null));
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [tableRef]);

  const release = useCallback(() => {
    setAnchorId(null);
    const top = (tableRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY - 80;
    window.scrollTo({ top: Math.max(0, top), behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }, [tableRef]);

  // The anchor may have left the bounded live list (a long burst): then show everything.
  const index = anchorId === null ? 0 : rows.findIndex((d) => d.id === anchorId);
  const held = index > 0 ? index : 0;
  return { visible: held > 0 ? rows.slice(held) : rows, held, release };
}
