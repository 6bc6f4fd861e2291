import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { addMember } from '../reviews/helpers';
import { detectionOf, labelDetection, minutesFromNow, postOutcome } from './helpers';

// POST /api/v1/transactions/:externalId/events (API key) and
// POST /api/v1/detections/:id/events (session): idempotency, the label rules,
// 404s between organizations, 400s that write nothing, and who may label.

const owner = ownerSql();
let m: Merchant;
let other: Merchant;
beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('outcomes'), newMerchant('outcomes-other')]);
});
afterAll(() => owner.end());

const rowsOf = async (orgId: string, detectionId?: string) =>
  (await owner`select count(*)::int as n from detection_outcomes where organization_id = ${orgId}
               and (${detectionId ?? null}::uuid is null or detection_id = ${detectionId ?? null}::uuid)`)[0].n as number;

describe('recording an outcome', () => {
  it('201 with the event, then the same id again is 200 with the stored event and nothing new', async () => {
    const d = await postTx(m, {});
    const body = { type: 'refunded', id: uniq('evt'), amount: 4999, reason: 'Customer changed their mind', occurredAt: minutesFromNow(-10) };
    const first = await postOutcome(m, d.externalId, body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.event).toMatchObject({ id: body.id, type: 'refunded', amount: 4999, reason: body.reason, detectionId: d.id, externalId: d.externalId });
    expect(first.body.event.occurredAt).toBe(new Date(body.occurredAt).toISOString());

    // A replay with a different body still answers the stored event.
    const again = await postOutcome(m, d.externalId, { ...body, type: 'chargeback' });
    expect(again.status).toBe(200);
    expect(again.body.event).toEqual(first.body.event);
    expect(await rowsOf(m.orgId, d.id)).toBe(1);
    const detection = await detectionOf(m.session, d.id);
    expect(detection.outcomes).toEqual([{ id: body.id, type: 'refunded', amount: 4999, reason: body.reason, occurredAt: first.body.event.occurredAt }]);
    expect(detection.label).toBeNull();
  });

  it('10 concurrent posts of one id make one row: one 201, nine 200', async () => {
    const d = await postTx(m, {});
    const body = { type: 'chargeback', id: uniq('evt'), reason: 'fraudulent' };
    const results = await Promise.all(Array.from({ length: 10 }, () => postOutcome(m, d.externalId, body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => JSON.stringify(r.body.event))).size).toBe(1);
    expect(await rowsOf(m.orgId, d.id)).toBe(1);
    const detection = await detectionOf(m.session, d.id);
    expect(detection.outcomes).toHaveLength(1);
    expect(detection.label).toBe('fraud');
  });

  it('without an id each post is a new event with a generated id', async () => {
    const d = await postTx(m, {});
    const a = await postOutcome(m, d.externalId, { type: 'authorized' });
    const b = await postOutcome(m, d.externalId, { type: 'authorized' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.event.id).not.toBe(b.body.event.id);
    expect(await rowsOf(m.orgId, d.id)).toBe(2);
  });

  it('an id already used for another payment is a 409 that writes nothing', async () => {
    const [d1, d2] = [await postTx(m, {}), await postTx(m, {})];
    const id = uniq('evt');
    expect((await postOutcome(m, d1.externalId, { type: 'refunded', id })).status).toBe(201);
    const res = await postOutcome(m, d2.externalId, { type: 'refunded', id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('another payment');
    expect(await rowsOf(m.orgId, d2.id)).toBe(0);
  });
});

describe('the label', () => {
  it('chargeback, early_fraud_warning and fraud_confirmed label fraud; legit_confirmed legit; others none', async () => {
    for (const [type, label] of [['chargeback', 'fraud'], ['early_fraud_warning', 'fraud'], ['fraud_confirmed', 'fraud'], ['legit_confirmed', 'legit'], ['refunded', null], ['declined', null], ['authorized', null]] as const) {
      const d = await postTx(m, {});
      expect((await postOutcome(m, d.externalId, { type })).status).toBe(201);
      expect((await detectionOf(m.session, d.id)).label, type).toBe(label);
    }
  });

  it('the latest labelling event by occurredAt wins, whatever order they arrive in; the timeline is oldest first', async () => {
    const d = await postTx(m, {});
    // The analyst's legit_confirmed (now) arrives first; then the bank's older early fraud warning, then a newer chargeback.
    await postOutcome(m, d.externalId, { type: 'legit_confirmed', id: uniq('legit'), occurredAt: minutesFromNow(-60) });
    expect((await detectionOf(m.session, d.id)).label).toBe('legit');
    await postOutcome(m, d.externalId, { type: 'early_fraud_warning', id: uniq('efw'), occurredAt: minutesFromNow(-120) });
    let detection = await detectionOf(m.session, d.id);
    expect(detection.label).toBe('legit');
    expect(detection.outcomes.map((o: { type: string }) => o.type)).toEqual(['early_fraud_warning', 'legit_confirmed']);
    await postOutcome(m, d.externalId, { type: 'chargeback', id: uniq('cb'), occurredAt: minutesFromNow(-30) });
    await postOutcome(m, d.externalId, { type: 'refunded', id: uniq('rf'), occurredAt: minutesFromNow(-10) });
    detection = await detectionOf(m.session, d.id);
    expect(detection.label).toBe('fraud');
    expect(detection.outcomes.map((o: { type: string }) => o.type)).toEqual(['early_fraud_warning', 'legit_confirmed', 'chargeback', 'refunded']);
    // Lists carry the same shape.
    const list = await m.session.json(`/api/v1/detections?externalId=${encodeURIComponent(d.externalId)}`);
    expect(list.detections[0]).toMatchObject({ id: d.id, label: 'fraud', outcomes: detection.outcomes });
  });
});

describe('which detection', () => {
  it('an unknown externalId or id is a 404; another organization’s says the same', async () => {
    const mine = await postTx(m, {});
    const unknown = await postOutcome(m, uniq('nope'), { type: 'chargeback' });
    const foreign = await postOutcome(other, mine.externalId, { type: 'chargeback' });
    expect([unknown.status, foreign.status]).toEqual([404, 404]);
    expect(foreign.body.error.message).toBe(unknown.body.error.message);

    const byId = await labelDetection(other.session, mine.id, { type: 'fraud_confirmed' });
    const unknownId = await labelDetection(other.session, '00000000-0000-4000-8000-000000000000', { type: 'fraud_confirmed' });
    const malformed = await labelDetection(other.session, 'not-a-uuid', { type: 'fraud_confirmed' });
    expect([byId.status, unknownId.status, malformed.status]).toEqual([404, 404, 404]);
    expect(byId.body.error.message).toBe(unknownId.body.error.message);
    expect(await rowsOf(other.orgId)).toBe(0);
    expect(await rowsOf(m.orgId, mine.id)).toBe(0);
  });

  it('an externalId with spaces, a slash or a hash is found when percent-encoded in the path', async () => {
    const d = await postTx(m, { externalId: `order #${uniq('7')}/b c` });
    const res = await postOutcome(m, d.externalId, { type: 'refunded' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.event.externalId).toBe(d.externalId);
  });

  it('an event id is unique per organization, not across them', async () => {
    const [a, b] = [await postTx(m, {}), await postTx(other, {})];
    const id = uniq('shared-evt');
    expect((await postOutcome(m, a.externalId, { type: 'refunded', id })).status).toBe(201);
    expect((await postOutcome(other, b.externalId, { type: 'refunded', id })).status).toBe(201);
  });
});

describe('bad input', () => {
  const CASES: [string, unknown, string | undefined, RegExp][] = [
    ['no type', { id: 'x' }, 'type', /one of "authorized"/],
    ['an unknown type', { type: 'disputed' }, 'type', /./],
    ['an unknown field', { type: 'refunded', amout: 100 }, undefined, /amout/],
    ['a negative amount', { type: 'refunded', amount: -1 }, 'amount', /negative/],
    ['a fractional amount', { type: 'refunded', amount: 10.5 }, 'amount', /integer/],
    ['an empty id', { type: 'refunded', id: '' }, 'id', /empty/],
    ['a 129-character id', { type: 'refunded', id: 'e'.repeat(129) }, 'id', /128/],
    ['a 501-character reason', { type: 'refunded', reason: 'r'.repeat(501) }, 'reason', /500/],
    ['a date without a zone', { type: 'refunded', occurredAt: '2026-01-01T10:00:00' }, 'occurredAt', /ISO 8601/],
    ['a date in 10 minutes', { type: 'refunded', occurredAt: minutesFromNow(10) }, 'occurredAt', /future/],
    ['a NUL byte', { type: 'refunded', reason: 'a\u0000b' }, undefined, /./],
    ['a card number in the reason', { type: 'chargeback', reason: 'disputed 4242 4242 4242 4242' }, undefined, /card number/],
  ];
  for (const [what, body, field, message] of CASES) {
    it(`${what}: 400, nothing written`, async () => {
      const d = await postTx(m, {});
      const res = await postOutcome(m, d.externalId, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
      if (field) expect(res.body.error.field).toBe(field);
      const viaSession = await labelDetection(m.session, d.id, body);
      expect(viaSession.status).toBe(400);
      expect(await rowsOf(m.orgId, d.id)).toBe(0);
      expect((await detectionOf(m.session, d.id)).outcomes).toEqual([]);
    });
  }

  it('malformed JSON is a 400; no API key is a 401', async () => {
    const d = await postTx(m, {});
    expect((await postOutcome(m, d.externalId, null, '{"type":')).status).toBe(400);
    expect((await postOutcome({ apiKey: 'nope' }, d.externalId, { type: 'refunded' })).status).toBe(401);
    expect(await rowsOf(m.orgId, d.id)).toBe(0);
  });

  it('4 minutes ahead (clock skew) is accepted', async () => {
    const d = await postTx(m, {});
    expect((await postOutcome(m, d.externalId, { type: 'authorized', occurredAt: minutesFromNow(4) })).status).toBe(201);
  });
});

describe('members', () => {
  it('an analyst labels (201, audited as detection.outcome); a viewer gets a 403 and writes nothing', async () => {
    const [analyst, viewer] = [await addMember(m, 'analyst'), await addMember(m, 'viewer')];
    const d = await postTx(m, {});
    const denied = await labelDetection(viewer.session, d.id, { type: 'fraud_confirmed' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/needs the analyst or admin or owner role.*you are viewer/);
    expect(await rowsOf(m.orgId, d.id)).toBe(0);

    const res = await labelDetection(analyst.session, d.id, { type: 'legit_confirmed', reason: 'Called the customer back' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.event).toMatchObject({ type: 'legit_confirmed', reason: 'Called the customer back', detectionId: d.id });
    expect((await detectionOf(viewer.session, d.id)).label).toBe('legit');
    const audit = await owner`select actor_email, action, target_id, before, after from audit_log where organization_id = ${m.orgId} and action = 'detection.outcome'`;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_email: analyst.email, target_id: d.id, before: { label: null }, after: { label: 'legit' } });
    const [row] = await owner`select created_by from detection_outcomes where organization_id = ${m.orgId} and detection_id = ${d.id}`;
    expect(row.created_by).toBe(analyst.email);
  });
});

describe('limits', () => {
  it('a detection holds at most 100 events: the 101st is a 409 that writes nothing', async () => {
    const d = await postTx(m, {});
    // 100 stored straight in SQL (the limit, not the endpoint's speed, is under test).
    await owner`insert into detection_outcomes (organization_id, detection_id, event_id, type, occurred_at)
                select ${m.orgId}, ${d.id}, ${uniq('bulk')} || '-' || g, 'authorized', now() from generate_series(1, 100) g`;
    const res = await postOutcome(m, d.externalId, { type: 'chargeback', id: uniq('cb') });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.message).toContain('100 outcome events');
    expect(await rowsOf(m.orgId, d.id)).toBe(100);
    expect((await detectionOf(m.session, d.id)).label).toBeNull();
  });
});
