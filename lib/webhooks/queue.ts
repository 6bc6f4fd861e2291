import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TWebhookEventType } from './catalog';

// Enqueueing, inside the caller's RLS transaction: the event, one delivery
// per matching endpoint and one graphile-worker job per delivery commit with
// the change they report, or not at all (a refused review, a rolled-back
// ingest queue nothing). One statement: when no enabled endpoint of the org
// subscribes to the event, it inserts nothing and costs one index probe.

export const DELIVER_TASK = 'webhook.deliver';
/**
 * Each endpoint's jobs are spread over this many graphile-worker queues
 * (a queue runs one job at a time): an endpoint that hangs ties up at most
 * this many workers, whatever its backlog, so the others keep flowing.
 */
export const LANES_PER_ENDPOINT = 8;

/** The job's payload: ids only (the queue has no row-level security). */
export type TDeliverJob = { orgId: string; deliveryId: string; attempt: number };

/** The SQL that enqueues attempt `attempt` of the delivery `deliveryId` (an expression) in its endpoint's lane. */
export function addDeliverJobSql(options: { orgId: string; deliveryId: SQL; endpointId: SQL; attempt: number; runAt?: SQL }): SQL {
  const { orgId, deliveryId, endpointId, attempt } = options;
  return sql`graphile_worker.add_job(
    ${DELIVER_TASK},
    json_build_object('orgId', ${orgId}::text, 'deliveryId', ${deliveryId}, 'attempt', ${attempt}::int),
    queue_name := 'webhook:' || ${endpointId}::text || ':' || (abs(hashtext(${deliveryId}::text)) % ${LANES_PER_ENDPOINT})::text,
    run_at := ${options.runAt ?? sql`now()`}
  )`;
}

/**
 * Queues one event for the org's enabled endpoints subscribed to `type`
 * (`decision` applies their detection.created filter), or for one endpoint
 * (`endpointId`: the test event, sent whatever it subscribes to). Returns the
 * event id, or null when no endpoint wanted it (nothing written).
 */
export async function queueWebhookEvent(options: {
  db: Executor;
  orgId: string;
  type: TWebhookEventType;
  data: unknown;
  decision?: string;
  endpointId?: string;
}): Promise<string | null> {
  const { db, orgId, type } = options;
  const id = randomUUID();
  // Built once and stored as text, so every retry sends the same bytes (the signature covers them).
  const body = JSON.stringify({ id, type, createdAt: new Date().toISOString(), data: options.data });
  const match = options.endpointId
    ? sql`e.id = ${options.endpointId}`
    : sql`e.enabled and ${type} = any(e.events) and (${options.decision ?? null}::text is null or e.decisions is null or ${options.decision ?? null}::text = any(e.decisions))`;
  const rows = (await db.execute(sql`
    with targets as (
      select e.id from webhook_endpoints e where e.organization_id = ${orgId} and ${match}
    ), event as (
      insert into webhook_events (id, organization_id, type, body)
      select ${id}::uuid, ${orgId}, ${type}, ${body} where exists (select 1 from targets)
      returning id
    ), deliveries as (
      insert into webhook_deliveries (organization_id, event_id, endpoint_id, next_attempt_at)
      select ${orgId}, event.id, targets.id, now() from event cross join targets
      returning id, endpoint_id
    )
    select (${addDeliverJobSql({ orgId, deliveryId: sql`d.id`, endpointId: sql`d.endpoint_id`, attempt: 1 })}).id as job from deliveries d
  `)) as unknown as { job: string }[];
  return rows.length ? id : null;
}

/** attack.started (an incident opened or resumed) or attack.ended, with the incident as GET /api/v1/attacks shows it. */
export async function queueAttackWebhook(options: { db: Executor; orgId: string; opened: boolean; attack: unknown }): Promise<void> {
  await queueWebhookEvent({ db: options.db, orgId: options.orgId, type: options.opened ? 'attack.started' : 'attack.ended', data: { attack: options.attack } });
}
