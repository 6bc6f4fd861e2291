import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCursors, ZCursorSchema } from '@/lib/stream-protocol';
import { newMerchant, ownerSql, postTx, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { SseReader } from '../helpers/sse';

// detection_updated: a review changes a detection and inserts a
// detection_updates row in the same transaction; the org's poller reads those
// rows after its own commit-safe position, in its per-tick transaction, and
// sends the current rows to the org's streams without an id: line.

const owner = ownerSql();
const INTERVAL_MS = 1_000;
const open: SseReader[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let m: Merchant;
let other: Merchant;

beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('upd'), newMerchant('upd-other')]);
});
afterAll(async () => {
  open.forEach((r) => r.close());
  await owner.end();
});

async function stream(merchant: Merchant, baseUrl?: string) {
  const r = await SseReader.open({ cookie: merchant.session.cookieHeader, baseUrl });
  open.push(r);
  await r.waitFor(() => r.ofType('connected').length === 1, 5_000, 'connected');
  return r;
}

/** What the review endpoint does, in one transaction: the row changes and says so. */
async function review(sql: postgres.TransactionSql, orgId: string, detectionId: string, note: string) {
  await sql`update detections set decision = 'ALLOW', review_status = 'approved', reviewed_by = 'analyst@example.com',
            reviewed_at = now(), review_note = ${note} where id = ${detectionId} and organization_id = ${orgId}`;
  await sql`insert into detection_updates (organization_id, detection_id) values (${orgId}, ${detectionId})`;
}

const updated = (r: SseReader) => r.ofType('detection_updated').flatMap((e) => e.data.data);

describe('detection_updated', () => {
  it('reaches the org’s open streams within a couple of polls, not another org’s, and leaves the cursor alone', async () => {
    const [live, bystander] = await Promise.all([stream(m), stream(other)]);
    const d1 = await postTx(m, { amount: 90_000 });
    await live.waitFor(() => live.detections().length === 1, 5_000, 'the detection');
    const cursorBefore = live.lastId()!;

    const t0 = Date.now();
    await owner.begin((tx) => review(tx, m.orgId, d1.id, 'Known customer, called back'));
    await live.waitFor(() => live.ofType('detection_updated').length === 1, 2 * INTERVAL_MS + 500, 'detection_updated');
    console.info(`[updates] detection_updated ${Date.now() - t0} ms after commit (poll interval ${INTERVAL_MS} ms, no nudge)`);

    const event = live.ofType('detection_updated')[0];
    expect(event.id).toBeUndefined();
    expect(event.raw.startsWith('data: ')).toBe(true);
    expect(event.data.data).toHaveLength(1);
    expect(event.data.data[0]).toMatchObject({
      id: d1.id,
      externalId: d1.externalId,
      decision: 'ALLOW',
      review: { status: 'approved', by: 'analyst@example.com', note: 'Known customer, called back' },
    });
    expect(Date.parse(event.data.data[0].review.at)).not.toBeNaN();
    expect(live.lastId()).toBe(cursorBefore);

    // New rows still come with a later cursor, and no row twice.
    const d2 = await postTx(m, {});
    await live.waitFor(() => live.detections().length === 2, 5_000, 'the next detection');
    const after = ZCursorSchema.parse(live.lastId());
    expect(compareCursors(after, ZCursorSchema.parse(cursorBefore))).toBeGreaterThan(0);
    expect(live.detections().map((d) => d.id)).toEqual([d1.id, d2.id]);

    await sleep(2 * INTERVAL_MS);
    expect(live.ofType('detection_updated')).toHaveLength(1);
    expect(bystander.ofType('detection_updated')).toEqual([]);
    expect(bystander.detections()).toEqual([]);
  });

  it('is commit-safe: an update held in an open transaction holds later ones back instead of being skipped', async () => {
    const live = await stream(m);
    const [a, b] = [await postTx(m, {}), await postTx(m, {})];
    await live.waitFor(() => live.detections().length === 2, 5_000, 'the detections');

    let releaseA!: () => void;
    const held = new Promise<void>((resolve) => (releaseA = resolve));
    // A takes its transaction id first, then waits; B commits meanwhile.
    const txA = owner.begin(async (tx) => {
      await review(tx, m.orgId, a.id, 'first');
      await held;
    });
    await sleep(200);
    await owner.begin((tx) => review(tx, m.orgId, b.id, 'second'));
    await sleep(3 * INTERVAL_MS);
    expect(updated(live)).toEqual([]);

    releaseA();
    await txA;
    await live.waitFor(() => updated(live).length === 2, 3 * INTERVAL_MS, 'both updates');
    expect(updated(live).map((d) => [d.id, d.review.note])).toEqual([[a.id, 'first'], [b.id, 'second']]);
  });

  it('REALTIME_STRATEGY=per-connection delivers them too, and the attack_* events', async () => {
    const server = await startExtraServer({ REALTIME_STRATEGY: 'per-connection', REALTIME_POLL_INTERVAL_MS: String(INTERVAL_MS) });
    try {
      const d = await postTx(m, {});
      const live = await stream(m, server.url);
      await owner.begin((tx) => review(tx, m.orgId, d.id, 'per connection'));
      await live.waitFor(() => updated(live).some((u) => u.id === d.id), 3 * INTERVAL_MS, 'detection_updated');

      // An incident nobody's detector knows of (as after a restart), in an org
      // without traffic: the stream announces it, and the instance that sees it
      // sweeps it closed.
      const quiet = await newMerchant('upd-quiet');
      const watcher = await stream(quiet, server.url);
      const [row] = await owner`insert into attacks (organization_id, status, attempts, trigger)
                                values (${quiet.orgId}, 'open', 12, '{"manual": true}') returning id`;
      await watcher.waitFor(() => watcher.ofType('attack_started').length > 0, 3 * INTERVAL_MS, 'attack_started');
      expect(watcher.ofType('attack_started')[0].data.attack).toMatchObject({ id: row.id, status: 'open', attempts: 12 });
      await watcher.waitFor(() => watcher.ofType('attack_ended').length > 0, 10_000, 'attack_ended');
      expect(watcher.ofType('attack_ended')[0].data.attack).toMatchObject({ id: row.id, status: 'closed' });
      const [closed] = await owner`select status, ended_at from attacks where id = ${row.id}`;
      expect(closed.status).toBe('closed');
      expect(closed.ended_at).not.toBeNull();
      expect(live.ofType('attack_started')).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
