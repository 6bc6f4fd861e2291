import type { TTransactionInput } from '@/lib/detections/schema';
import { SNOOZE_ENTITY_LABEL, type TSnoozeEntityType } from './schema';

/** A live snooze (not ended, not expired) of one rule for one of the attempt's keys, as the scoring context reads it. */
export type TSnoozeHit = { id: string; ruleId: string; entityType: TSnoozeEntityType; entityValue: string; reason: string; expiresAt: string };

/** The attempt's values a snooze may name, in their stored form (ingest has already lowercased the email and trimmed the ids). */
export function snoozeCandidates(input: TTransactionInput): { type: TSnoozeEntityType; value: string }[] {
  const out: { type: TSnoozeEntityType; value: string }[] = [];
  if (input.email) out.push({ type: 'email', value: input.email.toLowerCase() });
  if (input.card?.fingerprint) out.push({ type: 'card_fingerprint', value: input.card.fingerprint });
  if (input.customerId) out.push({ type: 'customer_id', value: input.customerId });
  if (input.deviceId) out.push({ type: 'device_id', value: input.deviceId });
  return out;
}

/** "2026-12-02 14:00 UTC": the server has no viewer's time zone, so the stored reason says UTC. */
export function formatSnoozeUntil(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** " (snoozed for email x@y until 2026-12-02 14:00 UTC: known customer)", appended to the rule's own message. */
export function snoozeSuffix(hit: TSnoozeHit): string {
  return ` (snoozed for ${SNOOZE_ENTITY_LABEL[hit.entityType]} ${hit.entityValue} until ${formatSnoozeUntil(hit.expiresAt)}: ${hit.reason})`;
}
