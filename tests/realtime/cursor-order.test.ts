import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSql, newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';

// The commit-safe cursor under load: many concurrent writers (API and direct
// SQL) plus one transaction that takes the lowest xid and stays open for
// seconds while later ones commit. Every reader must get every row exactly
// once, in cursor order, including one that disconnects mid-run and resumes.

const app = appSql(12);
const owner = ownerSql();
let m: Merchant;
afterAll(() => Promise.all([app.end(), owner.end()]));
beforeAll(async () => {
  m = await newMerchant('cursor');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sqlInsert(label: string) {
  await app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${m.orgId}, true)`;
    await tx`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
             values (${m.orgId}, ${uniq(label)}, 100, 'EUR', 0, 'low', 'ALLOW', '[]')`;
  });
}

describe('commit-safe stream cursor', () => {
  it('delivers every row exactly once and in (tx_id, seq) order despite a long-open transaction', async () => {
    const live = await SseReader.open({ cookie: m.session.cookieHeader });
    const resumer = await SseReader.open({ cookie: m.session.cookieHeader });
    await Promise.all([live, resumer].map((r) => r.waitFor(() => r.messages.length > 0, 5_000, 'connected')));

    // The held transaction writes first, so it owns the oldest xid, then waits 3 s.
    let releaseHeld!: () => void;
    const heldWritten = new Promise<void>((resolve) => {
      releaseHeld = resolve;
    });
    const held = app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${m.orgId}, true)`;
      await tx`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons)
               values (${m.orgId}, 'held-open', 100, 'EUR', 0, 'low', 'ALLOW', '[]')`;
      releaseHeld();
      await sleep(3_000);
    });
    await heldWritten;

    const apiWriters = Array.from({ length: 6 }, async () => {
      for (let i = 0; i < 15; i++) await postTx(m, { ip: '198.51.100.99' });
    });
    const sqlWriters = Array.from({ length: 6 }, async (_, w) => {
      for (let i = 0; i < 15; i++) await sqlInsert(`sql-${w}`);
    });
    // While the held transaction is open nothing after it may be delivered.
    await sleep(1_500);
    expect(live.detections()).toHaveLength(0);

    // Mid-run the resumer drops its connection and comes back with its cursor.
    let resumed: SseReader | undefined;
    const resumeCycle = (async () => {
      await resumer.waitFor(() => resumer.detections().length >= 20, 20_000, '20 rows before resuming');
      resumer.close();
      await sleep(300);
      resumed = await SseReader.open({ cookie: m.session.cookieHeader, lastEventId: resumer.lastId() });
    })();

    await Promise.all([held, ...apiWriters, ...sqlWriters, resumeCycle]);
    const total = 1 + 6 * 15 + 6 * 15;
    await live.waitFor(() => live.detections().length >= total, 20_000, `${total} rows on the live reader`);
    const resumedIds = () => [...resumer.detections(), ...resumed!.detections()].map((d) => d.id);
    await resumed!.waitFor(() => resumedIds().length >= total, 20_000, `${total} rows across the resume`);
    await sleep(1_500); // a duplicate would arrive within a poll interval

    const rows = await owner`select id, tx_id::text as tx, seq from detections where organization_id = ${m.orgId}`;
    const position = new Map(rows.map((r) => [r.id as string, [BigInt(r.tx), Number(r.seq)] as const]));
    expect(rows).toHaveLength(total);

    for (const ids of [live.detections().map((d) => d.id), resumedIds()]) {
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      expect(new Set(ids)).toEqual(new Set(position.keys()));
      for (let i = 1; i < ids.length; i++) {
        const [t0, s0] = position.get(ids[i - 1])!;
        const [t1, s1] = position.get(ids[i])!;
        expect(t0 < t1 || (t0 === t1 && s0 < s1), `row ${i} out of cursor order`).toBe(true);
      }
    }
    // The held row has the oldest xid, so it comes first although it committed last.
    expect(live.detections()[0].externalId).toBe('held-open');
    [live, resumer, resumed!].forEach((r) => r.close());
  });

  it('the polling fallback (?after=) pages through the same rows with the same guarantees', async () => {
    const ids: string[] = [];
    let cursor = '0-0';
    for (let page = 0; page < 20; page++) {
      const body = await m.session.json(`/api/v1/detections?after=${cursor}&limit=50`);
      ids.push(...body.detections.map((d: any) => d.id));
      expect(body.cursor).toMatch(/^\d+-\d+$/);
      if (body.detections.length === 0) break;
      cursor = body.cursor;
    }
    const [{ n }] = await owner`select count(*)::int as n from detections where organization_id = ${m.orgId}`;
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    const bad = await m.session.fetch('/api/v1/detections?after=nope');
    expect(bad.status).toBe(400);
  });
});
