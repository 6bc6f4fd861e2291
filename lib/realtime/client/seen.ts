import type { TDetection } from '@/lib/detections/schema';

/**
 * Remembers the last `capacity` detection ids and keeps only rows not seen
 * before: a resumed stream, an overlapping poll or a catch-up may repeat rows.
 */
export function createSeenFilter(capacity: number) {
  const seen = new Set<string>();
  return (rows: readonly TDetection[]): TDetection[] => {
    const out = rows.filter((d) => !seen.has(d.id));
    for (const d of out) {
      seen.add(d.id);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    }
    return out;
  };
}
