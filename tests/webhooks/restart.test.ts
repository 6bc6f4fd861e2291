import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { appLoginRole } from '@/db/roles';
import { OryloSession } from '@/scripts/lib/http-client';
import { OWNER_URL, ownerSql, transaction, uniq } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { sleep, until } from '../helpers/wait';
import { createEndpoint, deliveries, loadVerifier, startReceiver, type TReceiver } from './helpers';

// At-least-once across restarts. These servers get a database of their own on
// the same PostgreSQL, so the main test server's worker cannot take their jobs:
// what arrives was delivered by the server under test, after its restart.

const owner = ownerSql();
const verify = loadVerifier();
const database = uniq('orylo_wh_restart').replace(/-/g, '_');
const dbUrl = Object.assign(new URL(OWNER_URL), { pathname: `/${database}` }).toString();
let r: TReceiver;
let server: Awaited<ReturnType<typeof startExtraServer>> | undefined;

const start = async (env: Record<string, string> = {}) => {
  server = await startExtraServer({ DATABASE_URL: dbUrl, ...env });
  return server;
};
/** SIGKILL: no graceful shutdown, as a crash or an OOM kill. */
const crash = async () => {
  const child = server!.child;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  server = undefined;
};
const inDb = ownerSqlFor(dbUrl);
function ownerSqlFor(url: string) {
  let sql: ReturnType<typeof ownerSql> | undefined;
  return async <T>(fn: (sql: ReturnType<typeof ownerSql>) => Promise<T>) => {
    sql ??= (await import('postgres')).default(url, { max: 2, onnotice: () => {} }) as never;
    return fn(sql!);
  };
}

beforeAll(async () => {
  await owner.unsafe(`CREATE DATABASE "${database}"`);
  await runMigrations(dbUrl, process.env.BETTER_AUTH_SECRET!);
}, 120_000);
afterAll(async () => {
  if (server) await server.stop();
  await r?.close();
  await inDb((sql) => sql.end());
  await owner`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database}`;
  await owner.unsafe(`DROP DATABASE IF EXISTS "${database}"`);
  await owner.unsafe(`DROP ROLE IF EXISTS "${appLoginRole(database)}"`);
  await owner.end();
}, 60_000);

async function merchantOn(url: string) {
  const session = new OryloSession(url);
  await session.signUp({ email: `${uniq('restart')}@example.com`, password: 'correct-horse-battery', name: 'Restart' });
  await session.createOrganization('Restart', uniq('restart').toLowerCase());
  const key = await session.createApiKey('key');
  return { session, key: key.key };
}

describe('webhooks across server restarts', () => {
  it('an event queued before a crash, and a retry due after another, both arrive', async () => {
    // 1st attempt fails, the 2nd succeeds.
    r = await startReceiver((_req, n) => (n === 1 ? 500 : 200));
    // No worker on the first server: the event waits in the queue.
    const first = await start({ ORYLO_BACKGROUND_JOBS: '0' });
    const shop = await merchantOn(first.url);
    const endpoint = await createEndpoint(shop.session, { url: r.url, events: ['detection.created'] });
    const res = await fetch(`${first.url}/api/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(transaction()),
    });
    expect(res.status).toBe(201);
    const { detection } = await res.json();
    const [{ jobs }] = await inDb((sql) => sql`select count(*)::int as jobs from graphile_worker.jobs where task_identifier = 'webhook.deliver'`);
    expect(jobs).toBe(1);
    await crash();
    await sleep(500);
    expect(r.received).toHaveLength(0);

    // A server with a worker and slow retries (4 s): the first attempt fails; crash it once that attempt is recorded.
    const second = await start({ WEBHOOK_RETRY_BASE_MS: '4000' });
    await r.waitFor('the first attempt', (a) => a.length === 1, 20_000);
    await until('the first attempt recorded, the retry queued', 10_000, async () => {
      const [row] = await inDb((sql) => sql`select d.attempts, (select count(*)::int from graphile_worker.jobs j where j.task_identifier = 'webhook.deliver') as jobs from webhook_deliveries d`);
      return row.attempts === 1 && row.jobs === 1 ? true : undefined;
    });
    expect(second.url).toBeTruthy();
    await crash();

    const third = await start();
    const [, retry] = await r.waitFor('the retry after the restart', (a) => a.length === 2, 20_000);
    const [firstAttempt] = r.received;
    expect(retry.eventId).toBe(firstAttempt.eventId);
    expect(retry.raw).toBe(firstAttempt.raw);
    expect(retry.at - firstAttempt.at).toBeGreaterThanOrEqual(3_900);
    expect(retry.body.data.detection.id).toBe(detection.id);
    expect(verify(retry.raw, retry.signature, endpoint.secret)).toBe(true);
    // The log, read through the restarted server with the session made on the first one.
    const log = await until('two attempts in the log', 10_000, async () => {
      const page = await (await fetch(`${third.url}/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: { cookie: shop.session.cookieHeader } })).json();
      return page.deliveries?.length === 2 ? page.deliveries : undefined;
    });
    expect(log.map((d: any) => d.status)).toEqual([200, 500]);
    await sleep(1_000);
    expect(r.received).toHaveLength(2);
    await server!.stop();
    server = undefined;
  }, 180_000);

  it('after the last attempt the delivery is marked failed, and nothing more is sent', async () => {
    await r.close();
    r = await startReceiver(() => 500);
    const s = await start({ WEBHOOK_RETRY_BASE_MS: '2' });
    const shop = await merchantOn(s.url);
    const endpoint = await createEndpoint(shop.session, { url: r.url, events: ['list.changed'] });
    await shop.session.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
    await r.waitFor('fourteen attempts', (a) => a.length === 14, 60_000);
    const [delivery] = await until('the delivery marked failed', 10_000, async () => {
      const rows = await inDb((sql) => sql`select status, attempts, next_attempt_at from webhook_deliveries where endpoint_id = ${endpoint.id}`);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 14, next_attempt_at: null });
    await sleep(2_000);
    expect(r.received).toHaveLength(14);
    const log = await deliveries(shop.session, endpoint.id);
    expect(log.deliveries[0]).toMatchObject({ attempt: 14, status: 500, nextAttemptAt: null });
    expect(log.deliveries.slice(1).every((d) => d.nextAttemptAt !== null)).toBe(true);
    await server!.stop();
    server = undefined;
  }, 120_000);

  it('a server killed in the middle of an attempt: the job is handed back and the event arrives', async () => {
    const hung = await startReceiver((_req, n) => (n === 1 ? 'hang' : 200));
    try {
      const s = await start();
      const shop = await merchantOn(s.url);
      const endpoint = await createEndpoint(shop.session, { url: hung.url, events: ['list.changed'] });
      await shop.session.post(`/api/v1/webhooks/${endpoint.id}/test`, {});
      await hung.waitFor('the attempt in flight', (a) => a.length === 1, 20_000);
      await crash();
      const killedAt = Date.now();
      await start();
      const [first, again] = await hung.waitFor('the attempt made again', (a) => a.length === 2, 150_000);
      expect(again.eventId).toBe(first.eventId);
      expect(verify(again.raw, again.signature, endpoint.secret)).toBe(true);
      // graphile-worker alone would wait 4 hours; the sweep hands the job back after a minute.
      expect(Date.now() - killedAt).toBeLessThan(150_000);
      const [delivery] = await until('the delivery marked succeeded', 10_000, async () => {
        const rows = await inDb((sql) => sql`select status, attempts from webhook_deliveries where endpoint_id = ${endpoint.id}`);
        return rows[0]?.status === 'succeeded' ? rows : undefined;
      });
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
    } finally {
      await hung.close();
    }
  }, 240_000);
});
