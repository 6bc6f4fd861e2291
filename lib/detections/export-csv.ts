import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { formats, LOCALES, type TLocale } from '@/lib/format';
import { renderReason, type TReasonTranslator } from '@/lib/reasons/render';
import { messagesFor } from '@/messages';
import type { TDetection } from './schema';

// CSV of an org's detections over a time range: what a merchant sends to the
// acquirer after a card-testing attack and uses to refund. Never a card number.
// The shape of the file lives here; export-stream.ts reads and sends it.

export const EXPORT_MAX_ROWS = 50_000;

/** `lang`: the file's language; left out, the reader's (lib/format localeOfRequest). */
export const ZExportLanguage = z.enum(LOCALES, { error: `Must be one of: ${LOCALES.join(', ')}` }).optional();

export const ZExportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 date-time, e.g. 2026-11-22T14:00:00Z' }),
    to: z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 date-time, e.g. 2026-11-22T15:00:00Z' }).optional(),
    lang: ZExportLanguage,
  })
  .refine((q) => !q.to || Date.parse(q.to) >= Date.parse(q.from), { message: 'Must not be before from', path: ['to'] })
  // Year 0 and the like parse as ISO 8601 but not in PostgreSQL; nothing was stored before 2000.
  .refine((q) => inRange(q.from), { message: 'Must be between the years 2000 and 9999', path: ['from'] })
  .refine((q) => !q.to || inRange(q.to), { message: 'Must be between the years 2000 and 9999', path: ['to'] });

function inRange(iso: string): boolean {
  const year = new Date(iso).getUTCFullYear();
  return year >= 2000 && year <= 9999;
}

// One file, two languages: the language of the person downloading it
// (`lang`, else their NEXT_LOCALE cookie, else Accept-Language). The English
// file is the one integrators script against: snake_case columns, amounts in
// minor units, decision codes, comma-separated. The French one is what a
// spreadsheet set to French opens as columns: semicolon-separated, a decimal
// comma in major units, words for the decision, the authorization and the
// review, reasons in French, and a UTF-8 byte order mark first (spreadsheets
// need it to read "é" or "→"; the English file keeps its bytes as they were,
// without one, for the scripts that read it). Times are ISO 8601 UTC in both.

const COLUMNS = ['created_at', 'id', 'external_id', 'decision', 'score', 'amount', 'currency', 'auth_status', 'decline_code', 'ip', 'email', 'customer_id', 'device_id', 'card_bin', 'card_last4', 'card_fingerprint', 'review', 'reasons'] as const;

const BOM: Record<TLocale, string> = { en: '', fr: '\uFEFF' };
/** Distinct reasons kept rendered per file; past it the memo starts over (bounded memory on a 50,000-row export). */
const RENDERED_CACHE = 10_000;
const SEPARATOR: Record<TLocale, string> = { en: ',', fr: ';' };

/** RFC 4180 field; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvField(value: unknown, separator = ','): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /["\n\r]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type TCsvFile = {
  locale: TLocale;
  /** The byte order mark (French) and the header line, with its RFC 4180 line end. */
  head: string;
  /** One detection's line, without its line end. */
  row: (d: TDetection) => string;
};

/** The export's file in one language; its translators and formats are made once per export, not per row. */
export function csvFile(locale: TLocale): TCsvFile {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'export' });
  const tReasons = createTranslator({ locale, messages: messagesFor(locale), namespace: 'reasons' }) as unknown as TReasonTranslator;
  const f = formats(locale, 'UTC');
  const separator = SEPARATOR[locale];
  const line = (values: unknown[]) => values.map((v) => csvField(v, separator)).join(separator);
  // An attack's rows repeat their reasons (the same list entry, threshold, counts): each is rendered once per file.
  const rendered = new Map<string, string>();
  const render = (r: TDetection['reasons'][number]) => {
    const key = JSON.stringify(r);
    let text = rendered.get(key);
    if (text === undefined) {
      text = renderReason(r, tReasons, f);
      if (rendered.size >= RENDERED_CACHE) rendered.clear();
      rendered.set(key, text);
    }
    return text;
  };
  // English keeps the stored message (renderReason gives it back word for word) and the minor units.
  const reasons = (d: TDetection) => d.reasons.map((r) => (locale === 'en' ? r.message : render(r))).join(' | ');
  const amount = (d: TDetection) => (locale === 'en' ? d.amount : f.decimal(d.amount, d.currency));
  // The few words a row uses, looked up once: an ICU format per cell would cost more than the row's read.
  const words = <K extends string>(keys: readonly K[], say: (key: K) => string) => new Map(keys.map((k) => [k, say(k)] as const));
  const decision = words(['ALLOW', 'REVIEW', 'BLOCK'] as const, (k) => t('decision', { decision: k }));
  const authStatus = words(['authorized', 'declined'] as const, (k) => t('authStatus', { status: k }));
  const review = words(['pending', 'approved', 'blocked'] as const, (k) => t('review', { status: k }));
  return {
    locale,
    head: `${BOM[locale]}${line(COLUMNS.map((c) => t(`columns.${c}`)))}\r\n`,
    row: (d) =>
      line([
        d.createdAt, d.id, d.externalId, decision.get(d.decision), d.score, amount(d), d.currency,
        d.authStatus && authStatus.get(d.authStatus), d.declineCode, d.ip, d.email, d.customerId, d.deviceId,
        d.card?.bin, d.card?.last4, d.card?.fingerprint, d.review && review.get(d.review.status), reasons(d),
      ]),
  };
}
