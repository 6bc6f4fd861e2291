import { AppError } from '@/lib/errors';
import { findCardNumberField } from './detect';

/**
 * SECURITY: refuses a body holding a full card number anywhere (a field, a
 * key, a number), before it is validated, logged or stored. The 400 names the
 * field and ends with `advice`: what to send instead.
 */
export function throwIfCardNumber(body: unknown, advice: string): void {
  const field = findCardNumberField(body);
  if (!field) return;
  throw new AppError('card_number_refused', `${field} looks like a full card number. ${advice}`, { field });
}
