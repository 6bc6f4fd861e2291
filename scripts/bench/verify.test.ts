import { describe, expect, it } from 'vitest';
import type { TExpectedOrg } from './protocol';
import { NumberLog } from './stats';
import { checkComplete, verifyDeliveries, type TRecord } from './verify';

// The bench's own referee: a wrong check would make every report wrong.

function setup(orgs: Record<number, string[]>) {
  const index = new Map<string, number>();
  const intern = (id: string) => {
    if (!index.has(id)) index.set(id, index.size);
    return index.get(id)!;
  };
  const expected: TExpectedOrg[] = Object.entries(orgs).map(([org, ids]) => ({
    org: Number(org),
    ids,
    refAt: ids.map((_, i) => 1_000 + i * 10),
    sentAt: ids.map((_, i) => 990 + i * 10),
    kind: ids.map((_, i) => (i % 2 === 0 ? 'api' : 'sql')),
    pollOnly: false,
  }));
  const conn = (org: number, received: [string, number][]): TRecord => {
    const r: TRecord = { org, received: new NumberLog(), times: new NumberLog() };
    for (const [id, at] of received) {
      r.received.push(intern(id));
      r.times.push(at);
    }
    return r;
  };
  return { expected, conn, intern, lookup: (id: string) => index.get(id) };
}

describe('verifyDeliveries', () => {
  it('counts nothing wrong when every connection got every row once, in order', () => {
    const { expected, conn, intern } = setup({ 0: ['a', 'b', 'c'] });
    const conns = [conn(0, [['a', 1_005], ['b', 1_020], ['c', 1_040]]), conn(0, [['a', 1_006], ['b', 1_021], ['c', 1_041]])];
    const r = verifyDeliveries(conns, expected, intern);
    expect(r).toMatchObject({ connections: 2, deliveriesExpected: 6, deliveriesReceived: 6, lost: 0, duplicated: 0, reordered: 0, unexpected: 0 });
    // a and c are API writes (ref 1000 and 1020), b is SQL (ref 1010).
    expect(r.latency.api.count).toBe(4);
    expect(r.latency.api.max).toBe(21);
    expect(r.latency.sql.count).toBe(2);
    expect(r.latency.sql.min).toBe(10);
    expect(r.latency.apiFromRequest.min).toBe(15);
  });

  it('finds a lost, a duplicated, a reordered and an unexpected row', () => {
    const { expected, conn, intern } = setup({ 0: ['a', 'b', 'c', 'd'], 1: ['x'] });
    const conns = [
      conn(0, [['a', 1], ['c', 2], ['b', 3], ['c', 4], ['x', 5]]), // d lost, b late, c twice, x is org 1's
      conn(1, [['x', 6]]),
    ];
    const r = verifyDeliveries(conns, expected, intern);
    expect(r).toMatchObject({ lost: 1, duplicated: 1, reordered: 1, unexpected: 1, deliveriesExpected: 5, deliveriesReceived: 6 });
  });

  it('an org with no rows expects nothing and flags anything received', () => {
    const { expected, conn, intern } = setup({ 0: [] });
    const r = verifyDeliveries([conn(0, [['zz', 1]])], expected, intern);
    expect(r).toMatchObject({ lost: 0, unexpected: 1 });
  });
});

describe('checkComplete', () => {
  it('is complete only when every connection has every row of its org', () => {
    const { conn, lookup } = setup({});
    const a = conn(0, [['a', 1], ['b', 2]]);
    const b = conn(0, [['a', 1]]);
    expect(checkComplete([a], [{ org: 0, ids: ['a', 'b'] }], lookup)).toMatchObject({ complete: true, missingDeliveries: 0 });
    expect(checkComplete([a, b], [{ org: 0, ids: ['a', 'b'] }], lookup)).toMatchObject({ complete: false, missingDeliveries: 1 });
    expect(checkComplete([a], [{ org: 0, ids: ['never-seen'] }], lookup).complete).toBe(false);
  });
});
