import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { until } from '../helpers/wait';
import { card, codes, isolated, reasonOf } from '../rules/helpers';
import { labelDetection, postOutcome } from './helpers';

// What an outcome changes besides its own row: open dashboards see it
// (detection_updated), the counters do not move (no decision changed), and a
// declined outcome counts in the decline features of later attempts.

const owner = ownerSql();
let m: Merchant;
const open: SseReader[] = [];
beforeAll(async () => {
  m = await newMerchant('outcomes-live');
});
afterAll(async () => {
  open.forEach((r) => r.close());
  await owner.end();
});

const updated = (r: SseReader) => r.ofType('detection_updated').flatMap((e) => e.data.data);

describe('outcomes, live', () => {
  it('reach open dashboards as detection_updated with the new timeline and label', async () => {
    const reader = await SseReader.open({ cookie: m.session.cookieHeader });
    open.push(reader);
    await reader.waitFor(() => reader.ofType('connected').length === 1, 5_000, 'connected');
    const d = await postTx(m, {});
    await reader.waitFor(() => reader.detections().some((x) => x.id === d.id), 10_000, 'the detection');

    expect((await postOutcome(m, d.externalId, { type: 'chargeback', id: `cb-${d.id}`, reason: 'fraudulent' })).status).toBe(201);
    await reader.waitFor(() => updated(reader).some((x) => x.id === d.id && x.label === 'fraud'), 10_000, 'the chargeback');
    const seen = updated(reader).find((x) => x.id === d.id)!;
    expect(seen.outcomes).toEqual([expect.objectContaining({ id: `cb-${d.id}`, type: 'chargeback', reason: 'fraudulent' })]);

    expect((await labelDetection(m.session, d.id, { type: 'legit_confirmed' })).status).toBe(201);
    await reader.waitFor(() => updated(reader).some((x) => x.id === d.id && x.label === 'legit'), 10_000, 'the analyst’s label');
    // A replayed id changes nothing, so it sends nothing either.
    const before = updated(reader).length;
    expect((await postOutcome(m, d.externalId, { type: 'chargeback', id: `cb-${d.id}` })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(updated(reader).length).toBe(before);
  });

  it('leave the counters exact: no decision changed, so no counter moves', async () => {
    const ds = [await postTx(m, {}), await postTx(m, { amount: 600_000 }), await postTx(m, { amount: 50 })];
    const statsBefore = await m.session.json('/api/v1/stats');
    const truth = async () =>
      (await owner`select count(*)::int as total, count(*) filter (where decision = 'ALLOW')::int as allowed,
                     count(*) filter (where decision = 'REVIEW')::int as review, count(*) filter (where decision = 'BLOCK')::int as blocked
                   from detections where organization_id = ${m.orgId} and created_at >= ${statsBefore.today.since}::timestamptz`)[0];
    const pick = (s: any) => ({ total: s.today.total, allowed: s.today.allowed, review: s.today.review, blocked: s.today.blocked });
    expect(pick(statsBefore)).toEqual(await truth());

    for (const d of ds) {
      for (const type of ['declined', 'chargeback', 'legit_confirmed', 'refunded']) expect((await postOutcome(m, d.externalId, { type })).status).toBe(201);
    }
    // Exact at once (the tail), and once the follower has read the updates (the rollups alone).
    expect(pick(await m.session.json('/api/v1/stats'))).toEqual(pick(statsBefore));
    await until('the rollup follower reads the updates', 20_000, async () => {
      const [r] = await owner`select count(*)::int as n from detection_updates u, rollup_state s
                              where u.organization_id = ${m.orgId} and (u.tx_id, u.seq) > (s.upd_tx, s.upd_seq)`;
      return r.n === 0 ? true : undefined;
    });
    const after = await m.session.json('/api/v1/stats');
    expect(pick(after)).toEqual(pick(statsBefore));
    expect(after.pendingReviews).toBe(statsBefore.pendingReviews);
    expect(pick(after)).toEqual(await truth());
  });

  it('a declined outcome counts in the decline features of later attempts, and only from then on', async () => {
    const theCard = card({ last4: '0042' });
    // Four authorized attempts on one card, each from its own IP: no decline yet.
    const earlier = [];
    for (let i = 0; i < 4; i++) earlier.push(await postTx(m, { ...isolated({ card: theCard }), authStatus: 'authorized' }));
    const control = await postTx(m, { ...isolated({ card: theCard }), authStatus: 'authorized' });
    expect(codes(control)).not.toContain('card_declines_24h');
    expect(control.decision).not.toBe('BLOCK');

    // The bank declined the first four after all (the merchant learns it later).
    for (const d of earlier) {
      const res = await postOutcome(m, d.externalId, { type: 'declined', declineCode: 'do_not_honor' });
      expect(res.status).toBe(201);
    }
    const [row] = await owner`select auth_status, decline_code from detections where id = ${earlier[0].id}`;
    expect(row).toEqual({ auth_status: 'declined', decline_code: 'do_not_honor' });

    // More than 3 declines on the card in 24 h → BLOCK (a default rule), for the next attempt.
    const later = await postTx(m, { ...isolated({ card: theCard }), authStatus: 'authorized' });
    expect(later.decision).toBe('BLOCK');
    expect(reasonOf(later, 'card_declines_24h')).toMatchObject({ observed: 4, threshold: 3 });

    // An authorized outcome turns it back.
    await postOutcome(m, earlier[0].externalId, { type: 'authorized' });
    const [back] = await owner`select auth_status, decline_code from detections where id = ${earlier[0].id}`;
    expect(back).toEqual({ auth_status: 'authorized', decline_code: null });
  });
});
