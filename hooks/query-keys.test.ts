import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { auditKeys, detectionKeys, listKeys, orgKeys, reviewKeys, statsKeys, warRoomKeys } from './query-keys';

describe('query keys', () => {
  it("put every org's data under ['org', orgId]", () => {
    for (const key of [detectionKeys.page('o1', { limit: 50 }), statsKeys.all('o1'), auditKeys.list('o1', {}), reviewKeys.queue('o1'), warRoomKeys.attack('o1'), listKeys.entries('o1', { includeExpired: true })]) {
      expect(key.slice(0, 2)).toEqual(orgKeys.org('o1'));
    }
  });

  it("one prefix refreshes the rules page's and the war room's list entries", async () => {
    const client = new QueryClient();
    client.setQueryData(listKeys.entries('o1', { includeExpired: false }), { entries: [] });
    client.setQueryData(listKeys.entries('o1', { includeExpired: true }), { entries: [] });
    await client.invalidateQueries({ queryKey: listKeys.all('o1') });
    expect(client.getQueryCache().findAll({ queryKey: listKeys.all('o1') }).map((q) => q.state.isInvalidated)).toEqual([true, true]);
  });

  it('reads back the filters of a cached detections page', () => {
    expect(detectionKeys.filtersOf(detectionKeys.page('o1', { limit: 50, decision: 'BLOCK' }))).toEqual({ limit: 50, decision: 'BLOCK' });
    expect(detectionKeys.filtersOf(detectionKeys.all('o1'))).toEqual({});
  });
});
