import { z } from 'zod';
import type { TPermission } from '@/lib/orgs/permissions';

// Allow and block lists as the API and the settings page see them. No database
// imports here: the browser imports these types and schemas too.

export const LIST_TYPES = ['ip', 'card_fingerprint', 'card_bin', 'email', 'device_id', 'customer_id'] as const;
export const LIST_ACTIONS = ['block', 'allow'] as const;
export type TListType = (typeof LIST_TYPES)[number];
export type TListAction = (typeof LIST_ACTIONS)[number];

/** What adding an entry of this action takes (lib/orgs/permissions.ts): the route and the form both ask. */
export function listEntryPermission(action: TListAction): TPermission {
  return action === 'allow' ? 'lists.allow' : 'lists.block';
}

export type TListEntry = {
  id: string;
  type: TListType;
  value: string;
  action: TListAction;
  reason: string | null;
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
  /** True once expiresAt has passed: kept for the record, never matched. */
  expired: boolean;
};

/** One spelling per IPv6 address (lowercase, zeros compressed), so a list entry matches however it was written. */
export function normalizeIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`http://[${ip}]`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

/** The form a value is stored and matched in. */
export function normalizeListValue(type: TListType, value: string): string {
  const v = value.trim();
  if (type === 'ip') return normalizeIp(v);
  if (type === 'email') return v.toLowerCase();
  return v;
}

const ip = z.union([z.ipv4(), z.ipv6()]);
const email = z.email();

/** Why a value does not fit its type, or null when it does. */
export function listValueProblem(type: TListType, value: string): string | null {
  if (type === 'ip' && !ip.safeParse(value).success) return 'Must be an IPv4 or IPv6 address, for example 203.0.113.7';
  if (type === 'card_bin' && !/^\d{6,8}$/.test(value)) return 'A BIN is the first 6 to 8 digits of a card, for example 424242';
  if (type === 'email' && !email.safeParse(value).success) return 'Must be an email address, for example buyer@example.com';
  return null;
}

export const ZCreateListEntrySchema = z
  .strictObject({
    type: z.enum(LIST_TYPES, { error: `Must be one of ${LIST_TYPES.join(', ')}` }),
    value: z
      .string({ error: 'Required: the IP, card fingerprint, BIN, email, device or customer id to match' })
      .trim()
      .min(1, 'Must not be empty')
      .max(200, 'At most 200 characters'),
    action: z.enum(LIST_ACTIONS, { error: 'Must be "block" or "allow"' }),
    expiresAt: z
      .iso.datetime({ offset: true, error: 'Must be an ISO 8601 date and time such as "2030-01-31T12:00:00Z", or null for no expiry' })
      .refine((s) => Date.parse(s) > Date.now(), 'Must be in the future (or null for no expiry)')
      .nullable()
      .optional(),
    reason: z.string({ error: 'Must be text' }).trim().max(500, 'At most 500 characters').nullable().optional(),
  })
  .superRefine((entry, ctx) => {
    const problem = listValueProblem(entry.type, entry.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  })
  .transform((entry) => ({
    type: entry.type,
    value: normalizeListValue(entry.type, entry.value),
    action: entry.action,
    expiresAt: entry.expiresAt ? new Date(entry.expiresAt) : null,
    reason: entry.reason || null,
  }));
export type TCreateListEntry = z.output<typeof ZCreateListEntrySchema>;
export type TCreateListEntryBody = z.input<typeof ZCreateListEntrySchema>;
