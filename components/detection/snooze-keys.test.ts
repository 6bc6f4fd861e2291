import { describe, expect, it } from 'vitest';
import type { TSnooze } from '@/lib/snoozes/schema';
import { snoozeTargets, snoozesFor } from './snooze-keys';

const d = { email: 'Jane@Example.com', card: { bin: '424242', last4: '4242', fingerprint: 'fp_1', country: null }, customerId: null, deviceId: 'dev_9' };
const snooze = (entityType: TSnooze['entityType'], entityValue: string): TSnooze => ({
  id: `${entityType}:${entityValue}`, ruleId: 'r', ruleKey: 'k', ruleName: 'Rule', entityType, entityValue, reason: 'why', expiresAt: '2030-01-01T00:00:00.000Z', createdBy: null, createdAt: '2029-12-31T00:00:00.000Z', endedAt: null,
});

describe('snooze targets of a detection', () => {
  it('offers the keys the detection has, as ingest matches them', () => {
    expect(snoozeTargets(d).map((t) => [t.type, t.value])).toEqual([['email', 'jane@example.com'], ['card_fingerprint', 'fp_1'], ['device_id', 'dev_9']]);
    expect(snoozeTargets({ email: null, card: null, customerId: null, deviceId: null })).toEqual([]);
  });

  it('keeps the live snoozes naming one of them', () => {
    const all = [snooze('email', 'jane@example.com'), snooze('email', 'other@example.com'), snooze('card_fingerprint', 'fp_1'), snooze('customer_id', 'fp_1')];
    expect(snoozesFor(all, snoozeTargets(d)).map((s) => s.id)).toEqual(['email:jane@example.com', 'card_fingerprint:fp_1']);
  });
});
