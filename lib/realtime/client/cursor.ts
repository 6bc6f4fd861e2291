// Stream cursors as the browser sees them: "<txId>-<seq>" (see lib/realtime/cursor.ts
// for the server's side). The client only compares them, so it never moves back.

const CURSOR = /^\d+-\d+$/;

export function isCursor(value: unknown): value is string {
  return typeof value === 'string' && CURSOR.test(value);
}

export function compareCursors(a: string, b: string): number {
  const [ta, sa] = a.split('-').map((part) => BigInt(part));
  const [tb, sb] = b.split('-').map((part) => BigInt(part));
  if (ta !== tb) return ta < tb ? -1 : 1;
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

/** The later of two cursors; a malformed candidate is ignored. */
export function laterCursor(current: string | null, candidate: string | null | undefined): string | null {
  if (!isCursor(candidate)) return current;
  return current === null || compareCursors(candidate, current) > 0 ? candidate : current;
}
