import { describe, expect, it } from 'vitest';
import { retryDelayMs, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_MAX_RETRY_DELAY_MS } from './catalog';

describe('retry schedule', () => {
  it('doubles from the base and is capped', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 300))).toEqual([300, 600, 1200, 2400]);
    expect(retryDelayMs(30, 30_000)).toBe(WEBHOOK_MAX_RETRY_DELAY_MS);
  });

  it('with the default base, at least 8 attempts over about a day', () => {
    let total = 0;
    for (let a = 1; a < WEBHOOK_MAX_ATTEMPTS; a++) total += retryDelayMs(a, 30_000);
    expect(WEBHOOK_MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    expect(total / 3_600_000).toBeGreaterThan(18);
    expect(total / 3_600_000).toBeLessThan(30);
  });
});
