import { throwIfUnsafeText } from '@/lib/card-number';
import { validationError } from '@/lib/errors';
import { ZOutcomeInputSchema, type TOutcomeInput } from './schema';

/**
 * An outcome event from a request body. SECURITY: a card number or a NUL byte
 * anywhere in it (a reason quoting the card) is refused before validation, so
 * it is never stored, logged or echoed.
 */
export function parseOutcomeInput(body: unknown): TOutcomeInput {
  throwIfUnsafeText(body, 'Outcomes never hold card numbers: describe the event without the card’s number.');
  const parsed = ZOutcomeInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
