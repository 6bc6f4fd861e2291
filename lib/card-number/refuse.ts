import { AppError } from '@/lib/errors';
import { findUnsafeText } from './detect';

/**
 * SECURITY: refuses a body holding a full card number or a NUL byte anywhere
 * (a field, a key, a number), before it is validated, logged or stored. The
 * 400 names the field; for a card number it ends with `advice`: what to send
 * instead.
 */
export function throwIfUnsafeText(body: unknown, advice = 'Orylo never stores card numbers: remove it.'): void {
  const hit = findUnsafeText(body);
  if (!hit) return;
  if (hit.reason === 'nul') {
    throw new AppError('bad_request', `${hit.path} contains a NUL character (\\u0000), which Orylo does not store: remove it.`, { field: hit.path });
  }
  throw new AppError('card_number_refused', `${hit.path} looks like a full card number. ${advice}`, { field: hit.path });
}

/** The same check for one text field outside a JSON body (a user's or an organization's name); the message, or null. */
export function unsafeTextMessage(field: string, value: string): string | null {
  const hit = findUnsafeText(value);
  if (!hit) return null;
  return hit.reason === 'nul' ? `${field} contains a NUL character, which Orylo does not store.` : `${field} looks like a full card number, which Orylo never stores.`;
}
