import { throwIfUnsafeText } from '@/lib/card-number';
import { validationError } from '@/lib/errors';
import { ZCreateListEntrySchema, type TCreateListEntry } from './schema';

/**
 * A list entry from a request body. SECURITY: a full card number anywhere in
 * it (a "fingerprint" that is really a PAN, a reason quoting one) is refused
 * before validation, so it is never stored, logged or echoed.
 */
export function parseCreateListEntry(body: unknown): TCreateListEntry {
  throwIfUnsafeText(body, 'Lists never hold card numbers: block a card by its fingerprint or its BIN (first 6 to 8 digits).');
  const parsed = ZCreateListEntrySchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
