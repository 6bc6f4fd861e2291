import { z } from 'zod';
import type { TDetection } from './schema';

// CSV of an org's detections over a time range: what a merchant sends to the
// acquirer after a card-testing attack and uses to refund. Never a card number.
// The shape of the file lives here; export-stream.ts reads and sends it.

export const EXPORT_MAX_ROWS = 50_000;

export const ZExportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 date-time, e.g. 2026-11-22T14:00:00Z' }),
    to: z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 date-time, e.g. 2026-11-22T15:00:00Z' }).optional(),
  })
  .refine((q) => !q.to || Date.parse(q.to) >= Date.parse(q.from), { message: 'Must not be before from', path: ['to'] })
  // Year 0 and the like parse as ISO 8601 but not in PostgreSQL; nothing was stored before 2000.
  .refine((q) => inRange(q.from), { message: 'Must be between the years 2000 and 9999', path: ['from'] })
  .refine((q) => !q.to || inRange(q.to), { message: 'Must be between the years 2000 and 9999', path: ['to'] });

function inRange(iso: string): boolean {
  const year = new Date(iso).getUTCFullYear();
  return year >= 2000 && year <= 9999;
}

const COLUMNS = ['created_at', 'id', 'external_id', 'decision', 'score', 'amount_minor', 'currency', 'auth_status', 'decline_code', 'ip', 'email', 'customer_id', 'device_id', 'card_bin', 'card_last4', 'card_fingerprint', 'review', 'reasons'] as const;

/** The header line, with its RFC 4180 line end. */
export function csvHeaderLine(): string {
  return `${COLUMNS.join(',')}\r\n`;
}

/** RFC 4180 field; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function detectionCsvRow(d: TDetection): string {
  const values = [
    d.createdAt, d.id, d.externalId, d.decision, d.score, d.amount, d.currency, d.authStatus, d.declineCode, d.ip, d.email,
    d.customerId, d.deviceId, d.card?.bin, d.card?.last4, d.card?.fingerprint, d.review?.status, d.reasons.map((r) => r.message).join(' | '),
  ];
  return values.map(csvField).join(',');
}
