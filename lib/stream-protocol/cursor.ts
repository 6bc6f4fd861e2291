import { z } from 'zod';

/**
 * The stream cursor: (tx_id, seq) of the last delivered row. tx_id is the
 * writing transaction's xid8, so ordering by it and reading only below the
 * oldest running transaction (the "horizon") never skips a row that commits
 * late. Wire format: "<tx_id>-<seq>", for example "1234-567": the SSE `id:`
 * line, `Last-Event-ID`, `?lastEventId=` and `?after=`.
 */
export type TCursor = { txId: string; seq: number };

const CURSOR_RE = /^(\d{1,20})-(\d{1,19})$/;

export const ZCursorSchema = z
  .string()
  .trim()
  .regex(CURSOR_RE, 'Must be a stream cursor such as "1234-56", as sent in an event\'s id')
  .transform((value): TCursor => {
    const [, txId, seq] = value.match(CURSOR_RE)!;
    return { txId: BigInt(txId).toString(), seq: Number(seq) };
  })
  .refine((c) => Number.isSafeInteger(c.seq) && BigInt(c.txId) < 2n ** 63n, 'The cursor is out of range');

/** The cursor in a wire string, or null when it is not one. */
export function parseCursor(value: unknown): TCursor | null {
  const parsed = ZCursorSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function formatCursor(cursor: TCursor): string {
  return `${cursor.txId}-${cursor.seq}`;
}

/** Negative, zero or positive as `a` is before, at or after `b`: by transaction, then by row. */
export function compareCursors(a: TCursor, b: TCursor): number {
  const ta = BigInt(a.txId);
  const tb = BigInt(b.txId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return Math.sign(a.seq - b.seq);
}

/** The later of two wire cursors, so a client's cursor never moves back; a malformed candidate is ignored. */
export function laterCursor(current: string | null, candidate: string | null | undefined): string | null {
  const next = parseCursor(candidate);
  if (!next) return current;
  const now = parseCursor(current);
  return now === null || compareCursors(next, now) > 0 ? formatCursor(next) : current;
}
