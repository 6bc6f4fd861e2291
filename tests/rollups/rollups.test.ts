import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '@/db/client';
import { runRetentionPass } from '@/lib/rollups';
import { appUrl, newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { insertDetection, postReview } from '../reviews/helpers';
import { sleep, until } from '../helpers/wait';

// The counters (GET /api/v1/stats, the review queue's count) come from
// rollups that follow the detections table through the commit-safe cursor
// (lib/rollups). Checked against a direct count(*) under the conditions that
// break naive counters: concurrent API ingests, rows written straight in SQL,
// a transaction held open for seconds, reviews racing the follower, and a
// retention pass.

const owner = ownerSql();
const app = createDatabase(appUrl(), { max: 2 });
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('rollups');
});
afterAll(async () => {
  await owner.end();
  await app.sql.end();
});

type TTruth = { total: number; allowed: number; review: number; blocked: number; pending: number };

/** The ground truth, straight from the table, for "today" as the stats define it. */
async function truth(orgId: string, since: string): Promise<TTruth> {
  const [r] = await owner`
    select count(*)::int as total,
      count(*) filter (where decision = 'ALLOW')::int as allowed,
      count(*) filter (where decision = 'REVIEW')::int as review,
      count(*) filter (where decision = 'BLOCK')::int as blocked,
      (select count(*)::int from detections p where p.organization_id = ${orgId} and p.decision = 'REVIEW' and p.review_status is null) as pending
    from detections where organization_id = ${orgId} and created_at >= ${since}::timestamptz`;
  return r as unknown as TTruth;
}

async function statsAndTruth(mm: Merchant) {
  const stats = await mm.session.json('/api/v1/stats');
  const t = await truth(mm.orgId, stats.today.since);
  return { stats, truth: t, counted: { ...pick(stats.today), pending: stats.pendingReviews as number } };
}

const pick = (t: { total: number; allowed: number; review: number; blocked: number }) => ({ total: t.total, allowed: t.allowed, review: t.review, blocked: t.blocked });

/** Until the follower has read every detection and review of the org: the rollups alone then hold the counts. */
async function followerCaughtUp(orgId: string) {
  await until('the rollup follower reads the org', 20_000, async () => {
    const [r] = await owner`
      select
        (select count(*) from detections d where d.organization_id = ${orgId} and (d.tx_id, d.seq) > (s.det_tx, s.det_seq))::int as d,
        (select count(*) from detection_updates u where u.organization_id = ${orgId} and (u.tx_id, u.seq) > (s.upd_tx, s.upd_seq))::int as u
      from rollup_state s`;
    return r.d === 0 && r.u === 0 ? true : undefined;
  });
}

/** What the rollup table alone says (no tail), for hours from `since`. */
async function rollupsOnly(orgId: string, since: string) {
  const [r] = await owner`
    select coalesce(sum(total), 0)::int as total, coalesce(sum(allow), 0)::int as allowed, coalesce(sum(review), 0)::int as review,
      coalesce(sum(block), 0)::int as blocked
    from detection_rollups where organization_id = ${orgId} and grain = 'hour' and bucket >= ${since}::timestamptz`;
  const [p] = await owner`select coalesce(sum(pending), 0)::int as pending from detection_rollups where organization_id = ${orgId} and grain = 'hour'`;
  return { ...r, pending: p.pending };
}

describe('rollup counters', () => {
  it('stay exact through concurrent API ingests, direct SQL inserts, a transaction held open and reviews', async () => {
    const since = (await m.session.json('/api/v1/stats')).today.since as string;
    // A transaction that stays open for 3 s with rows in it: the follower must wait for it, the counts must not skip it.
    const held = owner.begin(async (tx) => {
      await tx`
        insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
        select ${m.orgId}, ${uniq('held')} || '-' || g, 1000, 'EUR', 60, 'high', 'REVIEW', '[]'::jsonb from generate_series(1, 25) g`;
      await sleep(3_000);
    });
    const directSql = (async () => {
      for (let i = 0; i < 10; i++) {
        await owner`
          insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, created_at)
          select ${m.orgId}, ${uniq('sql')} || '-' || g, 500, 'EUR', 10 * (g % 10), 'low',
            (array['ALLOW','ALLOW','ALLOW','REVIEW','BLOCK'])[1 + g % 5], '[]'::jsonb, greatest(${since}::timestamptz, now() - (g || ' minutes')::interval)
          from generate_series(1, 40) g`;
        await sleep(50);
      }
    })();
    const api = Promise.all(
      Array.from({ length: 6 }, async (_, worker) => {
        for (let i = 0; i < 20; i++) {
          await postTx(m, { ip: `198.51.100.${worker + 1}`, amount: 1000 + i, card: { fingerprint: uniq('fp'), bin: '424242', last4: '4242' } });
        }
      }),
    );
    // Reviews racing the follower: rows made a moment ago (maybe not read yet) and rows read long ago.
    const reviews = (async () => {
      for (let i = 0; i < 8; i++) {
        const row = await insertDetection(owner, m);
        if (i % 2) await sleep(1_500);
        const res = await postReview(m.session, row.id, { action: i % 3 ? 'approve' : 'block' });
        expect(res.status).toBe(200);
      }
    })();
    // Read while all that is going on: every read must equal the table at that moment.
    const reads = (async () => {
      for (let i = 0; i < 6; i++) {
        await sleep(600);
        // Writes are paused for no one: compare with a truth read right after and right before; the stats must lie between.
        const before = await truth(m.orgId, since);
        const stats = await m.session.json('/api/v1/stats');
        const after = await truth(m.orgId, since);
        expect(stats.today.total).toBeGreaterThanOrEqual(before.total);
        expect(stats.today.total).toBeLessThanOrEqual(after.total);
      }
    })();
    await Promise.all([held, directSql, api, reviews, reads]);

    const now = await statsAndTruth(m);
    expect(now.truth.total).toBe(25 + 400 + 120 + 8);
    expect(now.counted).toEqual(now.truth);
    // The tail is counted at read time; once the follower has caught up, the rollups alone agree.
    await followerCaughtUp(m.orgId);
    expect(await rollupsOnly(m.orgId, since)).toEqual(now.truth);
    expect((await statsAndTruth(m)).counted).toEqual(now.truth);
  }, 60_000);

  it('keep the per-minute chart exact and the review count exact through reviews', async () => {
    const mm = await newMerchant('rollups-chart');
    const rows = await Promise.all(Array.from({ length: 12 }, () => insertDetection(owner, mm)));
    await followerCaughtUp(mm.orgId);
    for (const row of rows.slice(0, 5)) expect((await postReview(mm.session, row.id, { action: 'block' })).status).toBe(200);
    // Straight after the reviews (before the follower moves): exact.
    let s = await statsAndTruth(mm);
    expect(s.counted).toEqual(s.truth);
    expect(s.counted.pending).toBe(7);
    const queue = await mm.session.json('/api/v1/reviews');
    expect(queue.count).toBe(7);
    const [perMinute] = await owner`
      select count(*) filter (where decision = 'BLOCK')::int as block, count(*) filter (where decision = 'REVIEW')::int as review
      from detections where organization_id = ${mm.orgId} and created_at >= date_trunc('minute', now()) - interval '59 minutes'`;
    const chart = s.stats.timeline as { block: number; review: number }[];
    expect({ block: chart.reduce((n, b) => n + b.block, 0), review: chart.reduce((n, b) => n + b.review, 0) }).toEqual(perMinute);
    await followerCaughtUp(mm.orgId);
    s = await statsAndTruth(mm);
    expect(s.counted).toEqual(s.truth);
    expect(await rollupsOnly(mm.orgId, s.stats.today.since)).toMatchObject({ blocked: 5, review: 7, pending: 7 });
  }, 30_000);

  it('keep the aggregates after a retention pass removes old detections, pending ones included', async () => {
    const mm = await newMerchant('rollups-retention');
    const other = await newMerchant('rollups-retention-other');
    const insertOld = (orgId: string, days: number, n: number, decision: string) => owner`
      insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, created_at)
      select ${orgId}, ${uniq('old')} || '-' || g, 700, 'EUR', 50, 'medium', ${decision}, '[]'::jsonb, now() - (${days} || ' days')::interval
      from generate_series(1, ${n}) g`;
    await insertOld(mm.orgId, 200, 1_500, 'ALLOW');
    await insertOld(mm.orgId, 200, 30, 'REVIEW');
    await insertOld(mm.orgId, 10, 20, 'REVIEW');
    await insertOld(other.orgId, 200, 40, 'ALLOW');
    await followerCaughtUp(mm.orgId);
    const [before] = await owner`select coalesce(sum(total), 0)::int as total from detection_rollups where organization_id = ${mm.orgId} and grain = 'hour'`;
    expect(before.total).toBe(1_550);

    const result = await runRetentionPass({ db: app.db, retentionDays: 180, orgIds: [mm.orgId] });
    expect(result.detections).toBe(1_530);

    const [left] = await owner`select count(*)::int as n from detections where organization_id = ${mm.orgId}`;
    expect(left.n).toBe(20);
    // The other organization was not in the pass.
    const [theirs] = await owner`select count(*)::int as n from detections where organization_id = ${other.orgId}`;
    expect(theirs.n).toBe(40);
    // The aggregates stay: 1,550 detections were counted, 20 are still pending.
    const [after] = await owner`
      select coalesce(sum(total), 0)::int as total, coalesce(sum(pending), 0)::int as pending
      from detection_rollups where organization_id = ${mm.orgId} and grain = 'hour'`;
    expect(after).toEqual({ total: 1_550, pending: 20 });
    const s = await statsAndTruth(mm);
    expect(s.counted.pending).toBe(20);
    expect((await mm.session.json('/api/v1/reviews')).count).toBe(20);
  }, 60_000);

  it('isolate organizations: another org sees none of these counts', async () => {
    const stranger = await newMerchant('rollups-stranger');
    await postTx(stranger, {});
    const s = await statsAndTruth(stranger);
    expect(s.counted).toEqual({ total: 1, allowed: s.truth.allowed, review: s.truth.review, blocked: s.truth.blocked, pending: s.truth.pending });
    // The app role reads only its org's rollup rows, even when asked for another's.
    const rows = await app.sql.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${stranger.orgId}, true)`;
      return tx`select distinct organization_id from detection_rollups where organization_id = ${m.orgId}`;
    });
    expect(rows).toHaveLength(0);
  }, 30_000);
});
