import type { TDetection } from '@/lib/detections/schema';
import { normalizeSnoozeValue, type TSnooze, type TSnoozeEntityType } from '@/lib/snoozes/schema';

// Which of a detection's keys a rule can be snoozed for, and which live snoozes
// concern it. Pure, so the browser and the unit tests share it.

export type TSnoozeTarget = { type: TSnoozeEntityType; value: string };

/** The detection's email, card, customer and device, those it has, in that order. */
export function snoozeTargets(d: Pick<TDetection, 'email' | 'card' | 'customerId' | 'deviceId'>): TSnoozeTarget[] {
  const raw: [TSnoozeEntityType, string | null | undefined][] = [
    ['email', d.email],
    ['card_fingerprint', d.card?.fingerprint],
    ['customer_id', d.customerId],
    ['device_id', d.deviceId],
  ];
  return raw
    .filter((e): e is [TSnoozeEntityType, string] => Boolean(e[1]))
    .map(([type, value]) => ({ type, value: normalizeSnoozeValue(type, value) }));
}

/** The live snoozes naming one of these keys: the ones that apply to this detection's next payment. */
export function snoozesFor(snoozes: readonly TSnooze[], targets: readonly TSnoozeTarget[]): TSnooze[] {
  return snoozes.filter((s) => targets.some((t) => t.type === s.entityType && t.value === s.entityValue));
}
