import { throwIfUnsafeText } from '@/lib/card-number';
import { validationError } from '@/lib/errors';
import { ZTransactionInputSchema, type TTransactionInput } from './schema';

/**
 * An ingest body. SECURITY: a full card number anywhere in it (any field, a
 * key, a number) is refused before validation, so it is never stored, logged
 * or echoed.
 */
export function parseTransactionInput(body: unknown): TTransactionInput {
  throwIfUnsafeText(body, 'Orylo never accepts card numbers: send card.fingerprint, card.bin and card.last4 instead.');
  const parsed = ZTransactionInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
