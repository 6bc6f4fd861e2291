import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { startServerBehindDbProxy, type startExtraServer } from '../helpers/server';
import type { startTcpProxy } from '../helpers/tcp-proxy';

// GET /api/v1/detections/export streams its CSV a page (1,000 rows) at a time,
// each page read in its own RLS transaction when the client wants more:
// exactly the rows of the range in (created_at, seq) order, the 50,000-row
// cap, reads that stop when the client stops reading or goes away, and a
// failed download (not a short file) when the database fails mid-way.

const HEADER = 'created_at,id,external_id,decision,score,amount_minor,currency,auth_status,decline_code,ip,email,customer_id,device_id,card_bin,card_last4,card_fingerprint,review,reasons';
const owner = ownerSql();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterAll(() => owner.end());

const exportPath = (from: string, to?: string) => `/api/v1/detections/export?from=${encodeURIComponent(from)}${to ? `&to=${encodeURIComponent(to)}` : ''}`;
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);
const idsOf = (csv: string) => lines(csv).slice(1).map((l) => l.split(',')[1]);

async function expectedIds(m: Merchant, from: string, to: string) {
  const rows = await owner`select id from detections where organization_id = ${m.orgId} and created_at between ${from}::timestamptz and ${to}::timestamptz order by created_at, seq`;
  return rows.map((r) => r.id as string);
}

describe('CSV export, streamed', () => {
  it('sends exactly the rows of the range in SQL, in (created_at, seq) order across pages, the header once, formulas neutralised', async () => {
    const m = await newMerchant('export-pages');
    const from = '2025-03-01T10:00:00.000Z';
    const to = '2025-03-01T11:00:00.000Z';
    // 2,600 rows: three to a created_at, 7 µs apart (so many share a millisecond and a page
    // boundary falls inside a group), newer rows inserted first (seq runs against time).
    await owner`insert into detections (organization_id, external_id, amount, currency, email, score, risk_level, decision, reasons, created_at)
                select ${m.orgId}, case when g % 100 = 0 then '=HYPERLINK("x")-' || g else 'ext-' || g end, g, 'EUR',
                       'a,b' || g || '@example.com', 10, 'low', 'ALLOW', '[]',
                       ${from}::timestamptz + ((2600 - g) / 3) * interval '7 microseconds'
                from generate_series(1, 2600) g`;
    // Just outside the range on both sides, and exactly at its end (inclusive).
    await owner`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, created_at)
                select ${m.orgId}, 'edge-' || g, 1, 'EUR', 0, 'low', 'ALLOW', '[]',
                       case g % 3 when 0 then ${from}::timestamptz - interval '1 microsecond'
                                  when 1 then ${to}::timestamptz + interval '1 microsecond'
                                  else ${to}::timestamptz end
                from generate_series(1, 9) g`;
    const expected = await expectedIds(m, from, to);
    expect(expected).toHaveLength(2603);

    const res = await m.session.fetch(exportPath(from, to));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-orylo-rows')).toBe('2603');
    expect(res.headers.get('x-orylo-truncated')).toBe('false');
    // Streamed: no length known up front.
    expect(res.headers.get('content-length')).toBeNull();
    const csv = await res.text();
    expect(lines(csv)[0]).toBe(HEADER);
    expect(lines(csv).filter((l) => l === HEADER)).toHaveLength(1);
    expect(idsOf(csv)).toEqual(expected);
    expect(csv).toContain(`,"'=HYPERLINK(""x"")-100",`);
    expect(csv).toContain(',"a,b100@example.com",');
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

    // Without `to`: up to the request's time, the same rows here.
    const open = await m.session.fetch(exportPath(from));
    expect(idsOf(await open.text())).toEqual(await expectedIds(m, from, new Date().toISOString()));
  });

  it('keeps the 50,000-row cap with its headers', async () => {
    const m = await newMerchant('export-cap');
    const from = '2025-04-01T00:00:00.000Z';
    const to = '2025-04-02T00:00:00.000Z';
    await owner`insert into detections (organization_id, external_id, amount, currency, score, risk_level, decision, reasons, created_at)
                select ${m.orgId}, 'cap-' || g, g, 'EUR', 10, 'low', 'ALLOW', '[]', ${from}::timestamptz + g * interval '1 millisecond'
                from generate_series(1, 50001) g`;
    const started = Date.now();
    const res = await m.session.fetch(exportPath(from, to));
    expect(res.headers.get('x-orylo-rows')).toBe('50000');
    expect(res.headers.get('x-orylo-truncated')).toBe('true');
    const csv = await res.text();
    console.log(`export of 50,000 rows (cap): ${csv.length} bytes in ${Date.now() - started} ms`);
    expect(idsOf(csv)).toEqual((await expectedIds(m, from, to)).slice(0, 50_000));
  }, 120_000);
});

describe('CSV export, the client and the database', () => {
  // A server whose only way to PostgreSQL is a proxy that counts what it reads and can be cut.
  let server: Awaited<ReturnType<typeof startExtraServer>>;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let m: Merchant;
  const from = '2025-05-01T00:00:00.000Z';
  const to = '2025-05-02T00:00:00.000Z';
  const ROWS = 40_000;

  beforeAll(async () => {
    ({ proxy, server } = await startServerBehindDbProxy());
    m = await newMerchant('export-client');
    // About 450 bytes of CSV a row: 18 MB in all, more than the sockets' buffers hold.
    await owner`insert into detections (organization_id, external_id, amount, currency, email, score, risk_level, decision, reasons, created_at)
                select ${m.orgId}, 'big-' || g, g, 'EUR', repeat('x', 200) || g || '@example.com', 10, 'low', 'ALLOW', '[]',
                       ${from}::timestamptz + g * interval '1 millisecond'
                from generate_series(1, ${ROWS}) g`;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  /** A raw request for the export whose body the test reads only when told. */
  async function openPaused(path: string) {
    const req = http.get(`${server.url}${path}`, { agent: false, headers: { cookie: m.session.cookieHeader } });
    req.on('error', () => {});
    const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
    res.pause();
    return { req, res };
  }

  /** Waits until the server's database reads have not moved for `quietMs`; returns the proxy's count. */
  async function readsSettled(quietMs = 1_000) {
    let last = proxy.bytesFromTarget();
    for (;;) {
      await sleep(quietMs);
      const now = proxy.bytesFromTarget();
      if (now === last) return now;
      last = now;
    }
  }

  const exportWorks = async () => {
    const res = await fetch(`${server.url}${exportPath(from, '2025-05-01T00:00:01.000Z')}`, { headers: { cookie: m.session.cookieHeader } });
    return res.status === 200 && lines(await res.text()).length === 1000 + 1;
  };

  it('reads pages only as the client takes them, and stops reading when it goes away', async () => {
    // The whole export, read at once: what reading it all costs.
    let before = await readsSettled(300);
    const started = Date.now();
    const full = await fetch(`${server.url}${exportPath(from, to)}`, { headers: { cookie: m.session.cookieHeader } });
    expect(idsOf(await full.text())).toHaveLength(ROWS);
    const fullMs = Date.now() - started;
    const fullReads = (await readsSettled(300)) - before;

    // A client that takes nothing after the headers: the reads stop once the sockets' buffers are full.
    before = proxy.bytesFromTarget();
    const paused = await openPaused(exportPath(from, to));
    const pausedReads = (await readsSettled()) - before;
    // Gone: nothing more is read.
    paused.req.destroy();
    await sleep(1_000);
    const afterGone = proxy.bytesFromTarget() - before;

    // A client that cancels after the first chunk.
    before = await readsSettled(300);
    const controller = new AbortController();
    const cancelled = await fetch(`${server.url}${exportPath(from, to)}`, { headers: { cookie: m.session.cookieHeader }, signal: controller.signal });
    await cancelled.body!.getReader().read();
    controller.abort();
    const cancelledReads = (await readsSettled()) - before;

    console.log(
      `export of ${ROWS} rows: read whole in ${fullMs} ms, ${fullReads} bytes from the database; paused client: ${pausedReads} bytes read, ${afterGone} once it left; cancelled after the first chunk: ${cancelledReads} bytes`,
    );
    expect(pausedReads).toBeLessThan(fullReads * 0.6);
    // Not even the page a pending write asks for once the socket closes.
    expect(afterGone - pausedReads).toBeLessThan(fullReads / 80);
    expect(cancelledReads).toBeLessThan(fullReads / 4);
    expect(await exportWorks()).toBe(true);
  }, 120_000);

  it('fails the download, not the server, when the database goes away mid-stream', async () => {
    const client = await openPaused(exportPath(from, to));
    expect(client.res.statusCode).toBe(200);
    expect(client.res.headers['x-orylo-rows']).toBe(String(ROWS));
    await readsSettled();
    proxy.block();
    let received = 0;
    const outcome = await new Promise<string>((resolve) => {
      client.res.on('data', (chunk: Buffer) => (received += chunk.length));
      client.res.once('end', () => resolve(client.res.complete ? 'complete' : 'cut short'));
      client.res.once('aborted', () => resolve('aborted'));
      client.res.once('error', (error) => resolve(`error: ${error.message}`));
      client.res.resume();
      setTimeout(() => resolve('hung'), 20_000);
    });
    proxy.unblock();
    console.log(`database cut mid-export: the download ended "${outcome}" after ${received} bytes`);
    expect(['aborted', 'cut short'].includes(outcome) || outcome.startsWith('error')).toBe(true);
    expect(received).toBeLessThan(ROWS * 400);
    // The server is fine and the next export works once the database is back.
    const deadline = Date.now() + 15_000;
    let works = false;
    while (!works && Date.now() < deadline) {
      works = await exportWorks().catch(() => false);
      if (!works) await sleep(300);
    }
    expect(works).toBe(true);
  }, 60_000);
});
