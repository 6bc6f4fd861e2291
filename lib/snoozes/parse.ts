import { throwIfUnsafeText } from '@/lib/card-number';
import { validationError } from '@/lib/errors';
import { resolveSnooze, ZCreateSnoozeSchema, type TCreateSnooze } from './schema';

/**
 * A snooze from a request body. SECURITY: a card number anywhere in it (a
 * "fingerprint" that is really a PAN, a reason quoting one) or a NUL byte is
 * refused before validation, with the detector lists use, so it is never
 * stored, logged or echoed.
 */
export function parseCreateSnooze(body: unknown): TCreateSnooze {
  throwIfUnsafeText(body, 'Snoozes never hold card numbers: snooze a card by its fingerprint.');
  const parsed = ZCreateSnoozeSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return resolveSnooze(parsed.data);
}
