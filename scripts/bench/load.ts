import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { insertDetection, type Sql, type TWrite } from './db';
import { sleep } from './stats';

// The write load: a steady, open-loop rate of ingests through the public API
// (round-robin over the orgs; they nudge the streams) and of rows inserted
// straight into `detections` (random orgs; only the poll finds them). Each
// write records when it was sent and when it was done, for latency.

export type TBenchOrg = { index: number; orgId: string; cookie: string; apiKey: string; pollOnly: boolean };

export type TLoadResult = {
  writes: TWrite[];
  api: { sent: number; ok: number; failed: number; statuses: Record<string, number>; skipped: number; idleOrg: number };
  sql: { sent: number; ok: number; failed: number; skipped: number };
  startedAt: number;
  endedAt: number;
};

const MAX_IN_FLIGHT = 256;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
// Base 36, never a long run of digits: the API refuses anything that looks like a card number.
const token = () => randomBytes(6).toString('base64url').replace(/[-_0-9]/g, 'x');
let counter = 0;
const nextExternalId = (prefix: string) => `${prefix}_${(++counter).toString(36)}_${token()}`;

function transaction(): Record<string, unknown> {
  const octet = 1 + Math.floor(Math.random() * 250);
  return {
    externalId: nextExternalId('bench'),
    amount: 500 + Math.floor(Math.random() * 9_000),
    currency: 'EUR',
    ip: Math.random() < 0.5 ? `198.51.100.${octet}` : `203.0.113.${octet}`,
    email: `shopper.${token()}@example.com`,
    card: { fingerprint: `fp_${token()}`, bin: '424242', last4: '4242' },
    authStatus: 'authorized',
  };
}

/** POST /api/v1/transactions over a keep-alive agent; resolves with the status and the detection id. */
function postTransaction(host: string, port: number, apiKey: string, body: string): Promise<{ status: number | string; id?: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      { host, port, path: '/api/v1/transactions', method: 'POST', agent, timeout: 30_000, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let id: string | undefined;
          try {
            id = JSON.parse(text)?.detection?.id;
          } catch {
            /* not JSON: counted by status */
          }
          resolve({ status: res.statusCode ?? 0, id });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code ?? err.message }));
    req.end(body);
  });
}

/**
 * Runs the load for `durationMs`, then waits (at most 30 s) for what is in
 * flight. The API share is round-robin over the orgs that take API writes
 * (not the poll-only ones) plus the idle org (nobody watches it: its writes
 * are expected nowhere); SQL rows go to any watched org at random.
 */
export async function runLoad(options: {
  host: string;
  port: number;
  sql: Sql;
  orgs: TBenchOrg[];
  idleOrg: TBenchOrg;
  apiRate: number;
  sqlRate: number;
  durationMs: number;
  signal?: AbortSignal;
}): Promise<TLoadResult> {
  const { orgs, idleOrg } = options;
  const apiOrgs = orgs.filter((o) => !o.pollOnly);
  const slots = [...(apiOrgs.length ? apiOrgs : orgs), idleOrg];
  const result: TLoadResult = {
    writes: [],
    api: { sent: 0, ok: 0, failed: 0, statuses: {}, skipped: 0, idleOrg: 0 },
    sql: { sent: 0, ok: 0, failed: 0, skipped: 0 },
    startedAt: Date.now(),
    endedAt: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  let apiDue = 0;
  let sqlDue = 0;

  const fireApi = () => {
    const org = slots[apiDue % slots.length];
    apiDue++;
    if (inFlight.size >= MAX_IN_FLIGHT) return void result.api.skipped++;
    result.api.sent++;
    if (org === idleOrg) result.api.idleOrg++;
    const body = JSON.stringify(transaction());
    const sentAt = Date.now();
    track(
      postTransaction(options.host, options.port, org.apiKey, body).then(({ status, id }) => {
        const doneAt = Date.now();
        result.api.statuses[status] = (result.api.statuses[status] ?? 0) + 1;
        if (status === 201 && id) {
          result.api.ok++;
          if (org !== idleOrg) result.writes.push({ id, org: org.index, kind: 'api', sentAt, doneAt });
        } else result.api.failed++;
      }),
    );
  };

  const fireSql = () => {
    sqlDue++;
    if (inFlight.size >= MAX_IN_FLIGHT) return void result.sql.skipped++;
    const org = orgs[Math.floor(Math.random() * orgs.length)];
    result.sql.sent++;
    const sentAt = Date.now();
    track(
      insertDetection(options.sql, org.orgId, nextExternalId('benchsql')).then(
        (id) => {
          result.sql.ok++;
          result.writes.push({ id, org: org.index, kind: 'sql', sentAt, doneAt: Date.now() });
        },
        () => void result.sql.failed++,
      ),
    );
  };

  // Open loop: the schedule is fixed by the clock, not by how fast the server answers.
  const start = Date.now();
  while (!options.signal?.aborted) {
    const elapsed = Date.now() - start;
    if (elapsed >= options.durationMs) break;
    const wantApi = Math.floor((elapsed / 1000) * options.apiRate);
    const wantSql = Math.floor((elapsed / 1000) * options.sqlRate);
    while (apiDue < wantApi) fireApi();
    while (sqlDue < wantSql) fireSql();
    await sleep(5);
  }
  const deadline = Date.now() + 30_000;
  while (inFlight.size > 0 && Date.now() < deadline) await Promise.race([sleep(100), ...inFlight]);
  result.endedAt = Date.now();
  return result;
}
