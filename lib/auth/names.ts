import { APIError } from 'better-auth/api';
import { unsafeTextMessage } from '@/lib/card-number';

/** Longer than any real person's or company's name; short enough that nobody stores a document in one. */
export const NAME_MAX = 100;

/**
 * SECURITY: a user's or an organization's name is stored text like any other:
 * no card number, no NUL byte, and a sane length (the probe stored 1 MB
 * names). Thrown from Better Auth's hooks as its own 400.
 */
export function throwIfBadName(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') throw new APIError('BAD_REQUEST', { message: `${field} must be text.` });
  if (value.length > NAME_MAX) throw new APIError('BAD_REQUEST', { message: `${field} is longer than ${NAME_MAX} characters.` });
  const unsafe = unsafeTextMessage(field, value);
  if (unsafe) throw new APIError('BAD_REQUEST', { message: unsafe });
}
