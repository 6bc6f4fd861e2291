import type { TReason, TTransactionInput } from '@/lib/detections/schema';
import { normalizeIp, type TListAction, type TListType } from './schema';

/** An unexpired, undeleted list entry matching the attempt. */
export type TListHit = { id: string; type: TListType; value: string; action: TListAction; reason: string | null; expiresAt: string | null };

/**
 * The values of the attempt each list type is matched against, in their stored
 * form. A BIN entry of 6 digits also matches an 8-digit BIN that starts with it.
 */
export function listCandidates(input: TTransactionInput): { type: TListType; values: string[] }[] {
  const out: { type: TListType; values: string[] }[] = [];
  if (input.ip) out.push({ type: 'ip', values: [normalizeIp(input.ip)] });
  if (input.card?.fingerprint) out.push({ type: 'card_fingerprint', values: [input.card.fingerprint] });
  if (input.card?.bin) {
    const bin = input.card.bin;
    out.push({ type: 'card_bin', values: Array.from({ length: bin.length - 5 }, (_, i) => bin.slice(0, 6 + i)) });
  }
  if (input.email) out.push({ type: 'email', values: [input.email.toLowerCase()] });
  if (input.deviceId) out.push({ type: 'device_id', values: [input.deviceId] });
  if (input.customerId) out.push({ type: 'customer_id', values: [input.customerId] });
  return out;
}

function subject(hit: TListHit, input: TTransactionInput): string {
  switch (hit.type) {
    case 'ip':
      return `IP ${hit.value}`;
    case 'card_fingerprint':
      return input.card?.last4 ? `Card •••• ${input.card.last4} (fingerprint ${hit.value})` : `Card fingerprint ${hit.value}`;
    case 'card_bin':
      return `BIN ${hit.value}`;
    case 'email':
      return `Email ${hit.value}`;
    case 'device_id':
      return `Device ${hit.value}`;
    case 'customer_id':
      return `Customer ${hit.value}`;
  }
}

/** "IP 203.0.113.7 is on the block list (reported by the bank) → BLOCK" */
export function listReason(hit: TListHit, input: TTransactionInput, mode: 'active' | 'shadow' = 'active'): TReason {
  const why = hit.reason ? ` (${hit.reason})` : '';
  return {
    code: hit.action === 'block' ? 'list_block' : 'list_allow',
    message: `${subject(hit, input)} is on the ${hit.action} list${why} → ${hit.action === 'block' ? 'BLOCK' : 'ALLOW'}`,
    action: hit.action === 'block' ? 'BLOCK' : 'ALLOW',
    mode,
    text: {
      kind: 'list',
      action: hit.action,
      type: hit.type,
      value: hit.value,
      ...(hit.type === 'card_fingerprint' && input.card?.last4 ? { last4: input.card.last4 } : {}),
      ...(hit.reason ? { note: hit.reason } : {}),
    },
  };
}
