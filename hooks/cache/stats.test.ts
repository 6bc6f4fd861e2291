import { describe, expect, it } from 'vitest';
import { STATS_MIN_INTERVAL_MS, statsRefreshDelayMs } from './stats';

describe('statsRefreshDelayMs', () => {
  it('refreshes at once after a quiet spell, otherwise once the 2 s since the last refresh are up', () => {
    expect(STATS_MIN_INTERVAL_MS).toBe(2_000);
    expect(statsRefreshDelayMs(0, 10_000)).toBe(0);
    expect(statsRefreshDelayMs(10_000, 10_000)).toBe(2_000);
    expect(statsRefreshDelayMs(10_000, 11_500)).toBe(500);
    expect(statsRefreshDelayMs(10_000, 12_000)).toBe(0);
  });
});
