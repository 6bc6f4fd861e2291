import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../reviews/helpers';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';

// GET /api/v1/detections/:id/related, checked against direct SQL on the same rows: rows are planted
// just inside and just outside each window (which ends at the detection), after the detection, and
// in another organization with the very same values.

const owner = ownerSql();
afterAll(() => owner.end());

const H = 3600_000;
const D = 24 * H;
const WINDOWS = { '24h': D, '7d': 7 * D, '30d': 30 * D } as const;
const COLUMNS = { card_fingerprint: 'card_fingerprint', ip: 'ip', email: 'email', device_id: 'device_id', customer_id: 'customer_id', card_bin: 'card_bin' } as const;
type TKey = keyof typeof COLUMNS;
type TDecision = 'ALLOW' | 'REVIEW' | 'BLOCK';
type TRow = Partial<Record<TKey, string | null>> & { at: Date; decision?: TDecision; amount?: number; currency?: string; authStatus?: string };

async function plant(m: Merchant, row: TRow): Promise<string> {
  const [r] = await owner`
    insert into detections (organization_id, external_id, amount, currency, email, ip, customer_id, device_id, card_fingerprint, card_bin, card_last4,
                            auth_status, score, risk_level, decision, reasons, shadow, created_at)
    values (${m.orgId}, ${uniq('rel')}, ${row.amount ?? 5000}, ${row.currency ?? 'EUR'}, ${row.email ?? null}, ${row.ip ?? null}, ${row.customer_id ?? null},
            ${row.device_id ?? null}, ${row.card_fingerprint ?? null}, ${row.card_bin ?? null}, '4242', ${row.authStatus ?? 'authorized'},
            20, 'low', ${row.decision ?? 'ALLOW'}, ${owner.json([])}, ${owner.json([])}, ${row.at})
    returning id`;
  return r.id;
}

/** What the API should answer, read straight from the table. */
async function groundTruth(orgId: string, key: TKey, value: string, from: string, to: string) {
  const rows = await owner.unsafe(
    `select decision, count(*)::int as n from detections where organization_id = $1 and ${COLUMNS[key]} = $2
       and created_at >= $3::timestamptz and created_at < $4::timestamptz group by decision`,
    [orgId, value, from, to],
  );
  const by = Object.fromEntries(rows.map((r) => [r.decision, r.n]));
  const counts = { ALLOW: by.ALLOW ?? 0, REVIEW: by.REVIEW ?? 0, BLOCK: by.BLOCK ?? 0 };
  return { attempts: counts.ALLOW + counts.REVIEW + counts.BLOCK, ...counts, exact: true };
}

let a: Merchant;
let b: Merchant;
let anchorId: string;
let anchorAt: Date;
const keys: Record<TKey, string> = {
  card_fingerprint: uniq('fp'),
  ip: '198.51.100.77',
  email: `${uniq('buyer')}@example.com`,
  device_id: uniq('dev'),
  customer_id: uniq('cus'),
  card_bin: '535353',
};

beforeAll(async () => {
  [a, b] = await Promise.all([newMerchant('related-a'), newMerchant('related-b')]);
  // The payment under investigation, two days ago: the windows end there, not now.
  anchorAt = new Date(Date.now() - 2 * D);
  anchorId = await plant(a, { ...keys, at: anchorAt, decision: 'REVIEW', amount: 9000 });
  const decisions: TDecision[] = ['ALLOW', 'REVIEW', 'BLOCK'];
  let i = 0;
  for (const key of Object.keys(keys) as TKey[]) {
    const value = keys[key];
    for (const length of Object.values(WINDOWS)) {
      const start = anchorAt.getTime() + 1 - length;
      await plant(a, { [key]: value, at: new Date(start + 1000), decision: decisions[i++ % 3] }); // just inside
      await plant(a, { [key]: value, at: new Date(start - 1000), decision: decisions[i++ % 3] }); // just outside
    }
    await plant(a, { [key]: value, at: new Date(anchorAt.getTime() + 1000), decision: 'BLOCK' }); // after the detection
    await plant(a, { [key]: value, at: new Date(anchorAt.getTime() - H), decision: 'BLOCK' });
    await plant(b, { [key]: value, at: new Date(anchorAt.getTime() - H), decision: 'BLOCK' }); // another org
  }
});

describe('GET /api/v1/detections/:id/related', () => {
  it('counts attempts and decisions per key and window exactly as the table holds them', async () => {
    const { related } = await a.session.json(`/api/v1/detections/${anchorId}/related`);
    expect(related.detectionId).toBe(anchorId);
    // The windows end 1 ms after the detection (it is counted), not at the time of asking.
    const to = new Date(anchorAt.getTime() + 1).toISOString();
    for (const [w, length] of Object.entries(WINDOWS)) {
      expect(related.windows[w]).toEqual({ from: new Date(anchorAt.getTime() + 1 - length).toISOString(), to });
    }
    expect(related.keys.map((k: { key: TKey }) => k.key)).toEqual(['card_fingerprint', 'ip', 'email', 'device_id', 'customer_id', 'card_bin']);
    for (const k of related.keys as { key: TKey; value: string; windows: Record<string, unknown> }[]) {
      expect(k.value).toBe(keys[k.key]);
      for (const w of Object.keys(WINDOWS)) {
        const expected = await groundTruth(a.orgId, k.key, k.value, related.windows[w].from, related.windows[w].to);
        expect(k.windows[w], `${k.key} ${w}`).toEqual(expected);
      }
    }
    // And by hand, for one key, so that a shared mistake in the bounds cannot pass: the anchor, the row an
    // hour before it and the 24 h window's just-inside row; then each longer window adds the row just
    // outside the shorter one and its own just-inside row. Neither the row after the detection nor b's.
    const bin = related.keys.find((k: { key: TKey }) => k.key === 'card_bin');
    expect(bin.windows['24h'].attempts).toBe(3);
    expect(bin.windows['7d'].attempts).toBe(5);
    expect(bin.windows['30d'].attempts).toBe(7);
  });

  it("gives the customer's usual amount: the median of their other payments that went through, in this currency, over the 30 days before", async () => {
    const customer = { customer_id: uniq('cus-usual') };
    const at = new Date(Date.now() - D);
    const id = await plant(a, { ...customer, at, amount: 9000, decision: 'REVIEW' });
    for (const amount of [1000, 2000, 3000]) await plant(a, { ...customer, amount, at: new Date(at.getTime() - 3 * D) });
    // None of these count: another currency, declined, blocked, older than 30 days, after the payment, another org.
    await plant(a, { ...customer, amount: 99_000, currency: 'USD', at: new Date(at.getTime() - 3 * D) });
    await plant(a, { ...customer, amount: 99_000, authStatus: 'declined', at: new Date(at.getTime() - 3 * D) });
    await plant(a, { ...customer, amount: 99_000, decision: 'BLOCK', at: new Date(at.getTime() - 3 * D) });
    await plant(a, { ...customer, amount: 99_000, at: new Date(at.getTime() - 31 * D) });
    await plant(a, { ...customer, amount: 99_000, at: new Date(at.getTime() + H) });
    await plant(b, { ...customer, amount: 99_000, at: new Date(at.getTime() - 3 * D) });
    const { related } = await a.session.json(`/api/v1/detections/${id}/related`);
    expect(related.usualAmount).toEqual({ key: 'customer_id', value: customer.customer_id, currency: 'EUR', median: 2000, count: 3, ratio: 4.5 });
  });

  it('reads at most 5,000 rows per key: a window reaching past them is a lower bound, flagged, and shorter ones stay exact', async () => {
    const ip = '192.0.2.200';
    const at = new Date(Date.now() - H);
    const id = await plant(a, { ip, at, decision: 'BLOCK' });
    for (let i = 1; i <= 9; i++) await plant(a, { ip, at: new Date(at.getTime() - i * H), decision: 'BLOCK' });
    // 5,000 older ones, 8 to 12 days before: more than the cap in the 30-day window.
    await owner`
      insert into detections (organization_id, external_id, amount, currency, ip, score, risk_level, decision, reasons, created_at)
      select ${a.orgId}, 'bulk-' || g || '-' || ${uniq('x')}, 100, 'EUR', ${ip}, 10, 'low', 'ALLOW', '[]'::jsonb,
             ${at}::timestamptz - interval '8 days' - (g * interval '1 minute')
      from generate_series(1, 5000) g`;
    const { related } = await a.session.json(`/api/v1/detections/${id}/related`);
    const counts = related.keys.find((k: { key: TKey }) => k.key === 'ip').windows;
    expect(counts['24h']).toEqual({ attempts: 10, ALLOW: 0, REVIEW: 0, BLOCK: 10, exact: true });
    expect(counts['7d']).toEqual({ attempts: 10, ALLOW: 0, REVIEW: 0, BLOCK: 10, exact: true });
    expect(counts['30d']).toEqual({ attempts: 5_000, ALLOW: 4_990, REVIEW: 0, BLOCK: 10, exact: false });
    expect((await groundTruth(a.orgId, 'ip', ip, related.windows['30d'].from, related.windows['30d'].to)).attempts).toBe(5_010);
  });

  it('lists only the keys the detection has, and falls back on the email for the usual amount', async () => {
    const email = `${uniq('solo')}@example.com`;
    const id = await plant(a, { email, at: new Date(), amount: 500 });
    const { related } = await a.session.json(`/api/v1/detections/${id}/related`);
    expect(related.keys).toHaveLength(1);
    expect(related.keys[0]).toMatchObject({ key: 'email', value: email, windows: { '24h': { attempts: 1, ALLOW: 1, exact: true } } });
    expect(related.usualAmount).toEqual({ key: 'email', value: email, currency: 'EUR', median: null, count: 0, ratio: null });
  });

  it("never counts another organization's rows, and answers 404 for another organization's detection", async () => {
    const mirror = await plant(b, { ...keys, at: anchorAt });
    const { related } = await b.session.json(`/api/v1/detections/${mirror}/related`);
    // b holds the mirror, one row per key an hour before, and its customer's payment.
    for (const k of related.keys) expect(k.windows['30d'], k.key).toEqual(await groundTruth(b.orgId, k.key, k.value, related.windows['30d'].from, related.windows['30d'].to));
    expect(related.keys.find((k: { key: TKey }) => k.key === 'ip').windows['30d']).toEqual({ attempts: 2, ALLOW: 1, REVIEW: 0, BLOCK: 1, exact: true });

    const res = await b.session.fetch(`/api/v1/detections/${anchorId}/related`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'not_found', message: expect.stringContaining('No detection with this id') });
  });

  it('answers 404 for an unknown id, 400 for a malformed one, 401 without a session; a viewer may read', async () => {
    const unknown = await a.session.fetch(`/api/v1/detections/${randomUUID()}/related`);
    expect(unknown.status).toBe(404);
    const malformed = await a.session.fetch('/api/v1/detections/not-a-uuid/related');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('UUID') });
    const anonymous = await fetch(`${process.env.ORYLO_BASE_URL}/api/v1/detections/${anchorId}/related`);
    expect(anonymous.status).toBe(401);
    const viewer = await addMember(a, 'viewer');
    expect((await viewer.session.fetch(`/api/v1/detections/${anchorId}/related`)).status).toBe(200);
  });
});
