import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAppUrl } from '@/db/roles';
import { createNudgeBus, type TNudgeBus } from '@/lib/nudge/bus';
import { decodeNudges } from '@/lib/nudge/message';
import { createPostgresTransport, NUDGE_CHANNEL } from '@/lib/nudge/postgres';
import { appSql, BASE_URL, newMerchant, ownerSql, transaction } from '../helpers/env';
import { startTcpProxy } from '../helpers/tcp-proxy';

// The PostgreSQL nudge bus on its own: "instances" are buses in this process
// with their own ids and LISTEN connections, as the app role, on the real
// channel. A third party (the owner) LISTENs too and sees what goes over it.

const APP_URL = deriveAppUrl(process.env.DATABASE_URL!, process.env.BETTER_AUTH_SECRET!);
const pool = appSql(2);
const owner = ownerSql();
const onChannel: { from: string; orgIds: string[] }[] = [];
const buses: TNudgeBus[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * The orgs this file nudges. The test server runs beside it on the same channel
 * (its webhook worker, alert checks and routes nudge real orgs at any time): a
 * listener here records only these.
 */
const testOrgs = new Set<string>();
const testOrg = () => {
  const id = randomUUID();
  testOrgs.add(id);
  return id;
};

/** An instance's bus, listening (through `listenUrl`) with one listener that records what it is told. */
async function instance(listenUrl = APP_URL) {
  const bus = createNudgeBus({ instanceId: randomUUID(), transport: createPostgresTransport({ notifySql: () => pool, listenUrl: () => listenUrl }) });
  buses.push(bus);
  const seen: string[] = [];
  bus.onNudge((orgId) => testOrgs.has(orgId) && seen.push(orgId));
  await bus.ready();
  return { bus, seen };
}

beforeAll(async () => {
  await owner.listen(NUDGE_CHANNEL, (message) => onChannel.push(decodeNudges(message)));
});

afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await Promise.all([pool.end(), owner.end()]);
});

describe('PostgreSQL nudge bus', () => {
  it("reaches another instance's listeners and not the sender's twice", async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const org = testOrg();
    const sentAt = Date.now();
    a.bus.nudgeOrg(org);
    expect(a.seen).toEqual([org]); // local, synchronous
    await until(() => b.seen.includes(org), 2_000, 'the nudge on instance B');
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    await sleep(200); // A's own NOTIFY has come back to it by now, and was dropped
    expect(a.seen).toEqual([org]);
    expect(b.seen).toEqual([org]);
  });

  it('sends one NOTIFY for a burst of nudges, however many orgs', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const [org, other, third] = [testOrg(), testOrg(), testOrg()];
    // One synchronous burst: the send window's timer cannot fire in the middle of it,
    // however long a GC pause makes it, so it is one window by construction.
    for (let i = 0; i < 100; i++) a.bus.nudgeOrg(org);
    a.bus.nudgeOrg(other);
    a.bus.nudgeOrg(third);
    await until(() => b.seen.length === 3, 2_000, 'the nudges on instance B');
    await sleep(200);
    const fromA = onChannel.filter((m) => m.orgIds.includes(org));
    expect(fromA).toHaveLength(1);
    expect(fromA[0].orgIds).toEqual([org, other, third]);
    expect(b.seen).toEqual([org, other, third]);
  });

  it('listens again after its connection drops', async () => {
    const db = new URL(APP_URL);
    const proxy = await startTcpProxy({ host: db.hostname, port: Number(db.port || 5432) });
    try {
      db.hostname = '127.0.0.1';
      db.port = String(proxy.port);
      const [a, c] = await Promise.all([instance(), instance(db.toString())]);
      proxy.block(); // cuts the LISTEN connection
      proxy.unblock();
      const org = testOrg();
      // What is sent while C reconnects is lost (the poll covers it): keep nudging until one lands.
      for (let i = 0; i < 50 && !c.seen.includes(org); i++) {
        a.bus.nudgeOrg(org);
        await sleep(100);
      }
      expect(c.seen).toContain(org);
    } finally {
      await proxy.close();
    }
  });

  it('the test server, on its default bus, sends a NOTIFY for the org once an ingest has committed', async () => {
    const m = await newMerchant('nudge-pg');
    const before = onChannel.length;
    const res = await fetch(`${BASE_URL}/api/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(transaction()),
    });
    expect(res.status).toBe(201);
    await until(() => onChannel.slice(before).some((msg) => msg.orgIds.includes(m.orgId)), 2_000, "the server's NOTIFY");
  });
});
