import type { TCheckResult, TExpectedOrg, TVerifyResult } from './protocol';
import { distribution, NumberLog } from './stats';

// The delivery check, run in the client process where the records are: for
// each connection, what it received (interned ids, in arrival order, with
// receive times) against what its org's rows were, in stream order.

export type TRecord = {
  org: number;
  /** Interned detection ids and their receive times, in arrival order. */
  received: NumberLog;
  times: NumberLog;
};

/** Has every connection received every expected id of its org? (for the drain) */
export function checkComplete(open: TRecord[], expected: { org: number; ids: string[] }[], lookup: (id: string) => number | undefined): TCheckResult {
  const byOrg = new Map(expected.map((e) => [e.org, e.ids.map((id) => lookup(id) ?? -1)]));
  let missing = 0;
  for (const c of open) {
    const want = byOrg.get(c.org) ?? [];
    if (want.length === 0) continue;
    const got = new Set<number>();
    for (let i = 0; i < c.received.length; i++) got.add(c.received.get(i));
    for (const w of want) if (w < 0 || !got.has(w)) missing++;
  }
  return { complete: missing === 0, missingDeliveries: missing, connections: open.length };
}

/**
 * Lost, duplicated, reordered and unexpected deliveries, and latencies, over
 * the given (open) connections, against each org's rows in stream order.
 */
export function verifyDeliveries(open: TRecord[], expected: TExpectedOrg[], intern: (id: string) => number): Omit<TVerifyResult, 'dropped' | 'events'> {
  const byOrg = new Map<number, { exp: TExpectedOrg; position: Map<number, number> }>();
  for (const exp of expected) {
    const position = new Map<number, number>();
    exp.ids.forEach((id, i) => position.set(intern(id), i));
    byOrg.set(exp.org, { exp, position });
  }
  const api = new NumberLog();
  const sql = new NumberLog();
  const sqlPollOnly = new NumberLog();
  const apiFromRequest = new NumberLog();
  let connections = 0;
  let expectedTotal = 0;
  let receivedTotal = 0;
  let lost = 0;
  let duplicated = 0;
  let reordered = 0;
  let unexpected = 0;
  for (const c of open) {
    connections++;
    const entry = byOrg.get(c.org);
    const want = entry?.exp.ids.length ?? 0;
    expectedTotal += want;
    receivedTotal += c.received.length;
    const seen = new Uint8Array(want);
    let unique = 0;
    let maxPos = -1;
    for (let i = 0; i < c.received.length; i++) {
      const pos = entry?.position.get(c.received.get(i));
      if (pos === undefined || !entry) {
        unexpected++;
        continue;
      }
      if (seen[pos]) {
        duplicated++;
        continue;
      }
      seen[pos] = 1;
      unique++;
      if (pos < maxPos) reordered++;
      else maxPos = pos;
      const at = c.times.get(i);
      const ref = entry.exp.refAt[pos];
      const kind = entry.exp.kind[pos];
      if (ref !== null && kind === 'api') {
        api.push(at - ref);
        const sent = entry.exp.sentAt[pos];
        if (sent !== null) apiFromRequest.push(at - sent);
      } else if (ref !== null && kind === 'sql') {
        sql.push(at - ref);
        if (entry.exp.pollOnly) sqlPollOnly.push(at - ref);
      }
    }
    lost += want - unique;
  }
  return {
    connections,
    deliveriesExpected: expectedTotal,
    deliveriesReceived: receivedTotal,
    lost,
    duplicated,
    reordered,
    unexpected,
    latency: {
      api: distribution(api.view()),
      sql: distribution(sql.view()),
      sqlPollOnly: distribution(sqlPollOnly.view()),
      apiFromRequest: distribution(apiFromRequest.view()),
    },
  };
}
