import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { appDb } from '@/lib/db';
import { pruneWebhookLog } from '@/lib/webhooks/prune';
import { newMerchant, ownerSql } from '../helpers/env';

// The log's housekeeping, run as the runtime role (as the worker runs it):
// events past the kept days go with their deliveries and attempts, recent
// ones and old ones still pending stay.

const owner = ownerSql();
afterAll(() => owner.end());

describe('webhook log pruning', () => {
  it('removes old events with their deliveries and attempts, keeps recent and pending ones', async () => {
    const m = await newMerchant('webhooks-prune');
    const [endpoint] = await owner`insert into webhook_endpoints (organization_id, url, events, secret_sealed, enabled)
      values (${m.orgId}, 'https://example.com/prune', '{list.changed}', 'v1.probe', false) returning id`;
    const seed = async (ageDays: number, status: string) => {
      const id = randomUUID();
      await owner`insert into webhook_events (id, organization_id, type, body, created_at) values (${id}, ${m.orgId}, 'test', '{}', now() - make_interval(days => ${ageDays}))`;
      const [d] = await owner`insert into webhook_deliveries (organization_id, event_id, endpoint_id, status, attempts) values (${m.orgId}, ${id}, ${endpoint.id}, ${status}, 1) returning id`;
      await owner`insert into webhook_attempts (organization_id, delivery_id, endpoint_id, event_id, event_type, attempt, ok, duration_ms)
        values (${m.orgId}, ${d.id}, ${endpoint.id}, ${id}, 'test', 1, ${status === 'succeeded'}, 5)`;
      return id;
    };
    const old = await seed(40, 'succeeded');
    const oldFailed = await seed(35, 'failed');
    const oldPending = await seed(40, 'pending');
    const recent = await seed(2, 'succeeded');
    expect(await pruneWebhookLog({ db: appDb().db, keepDays: 30 })).toBeGreaterThanOrEqual(2);
    const left = (await owner`select id from webhook_events where organization_id = ${m.orgId}`).map((r) => r.id).sort();
    expect(left).toEqual([oldPending, recent].sort());
    const attempts = await owner`select event_id from webhook_attempts where endpoint_id = ${endpoint.id}`;
    expect(attempts.map((a) => a.event_id).sort()).toEqual([oldPending, recent].sort());
    expect([old, oldFailed].some((id) => left.includes(id))).toBe(false);
  });
});
