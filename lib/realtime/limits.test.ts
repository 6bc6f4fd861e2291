import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { resetEnvCache } from '@/lib/env';
import { acquireLocalStreamSlot as acquireStreamSlot, openStreamCount } from './limits';

const saved = { ...process.env };

function limits(values: Record<string, number>) {
  for (const [k, v] of Object.entries(values)) process.env[k] = String(v);
  resetEnvCache();
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('stream limits', () => {
  const releases: (() => void)[] = [];
  const take = (keys: { userId: string; ip: string; orgId: string }) => {
    const release = acquireStreamSlot(keys);
    releases.push(release);
    return release;
  };
  beforeEach(() =>
    limits({
      REALTIME_MAX_STREAMS_PER_USER: 2,
      REALTIME_MAX_STREAMS_PER_IP: 3,
      REALTIME_MAX_STREAMS_PER_ORG: 4,
      REALTIME_MAX_CONNECTIONS: 5,
      REALTIME_CONNECTS_PER_MINUTE: 1000,
    }),
  );
  afterEach(() => {
    releases.splice(0).forEach((r) => r());
    process.env = { ...saved };
    resetEnvCache();
  });

  it('caps streams per user, per IP, per org (429) and per instance (503), each with Retry-After', () => {
    take({ userId: 'u1', ip: 'ip1', orgId: 'o1' });
    take({ userId: 'u1', ip: 'ip1', orgId: 'o1' });
    const user = refusal(() => take({ userId: 'u1', ip: 'ip2', orgId: 'o1' }));
    expect([user.status, user.code, user.retryAfter]).toEqual([429, 'rate_limited', 10]);
    expect(user.message).toMatch(/2 live streams/);

    take({ userId: 'u2', ip: 'ip1', orgId: 'o1' });
    const ip = refusal(() => take({ userId: 'u3', ip: 'ip1', orgId: 'o2' }));
    expect(ip.status).toBe(429);
    expect(ip.message).toMatch(/address/);

    take({ userId: 'u3', ip: 'ip2', orgId: 'o1' });
    const org = refusal(() => take({ userId: 'u4', ip: 'ip3', orgId: 'o1' }));
    expect(org.status).toBe(429);
    expect(org.message).toMatch(/organization/);

    take({ userId: 'u5', ip: 'ip4', orgId: 'o9' });
    expect(openStreamCount()).toBe(5);
    const instance = refusal(() => take({ userId: 'u6', ip: 'ip5', orgId: 'o8' }));
    expect([instance.status, instance.retryAfter]).toEqual([503, 5]);
  });

  it('frees a slot when its stream ends, once, however often release is called', () => {
    const r1 = take({ userId: 'u1', ip: 'ip1', orgId: 'o1' });
    take({ userId: 'u1', ip: 'ip1', orgId: 'o1' });
    expect(() => take({ userId: 'u1', ip: 'ip1', orgId: 'o1' })).toThrow(AppError);
    r1();
    r1();
    r1();
    expect(openStreamCount()).toBe(1);
    take({ userId: 'u1', ip: 'ip1', orgId: 'o1' });
    expect(() => take({ userId: 'u1', ip: 'ip1', orgId: 'o1' })).toThrow(AppError);
  });

  it('caps new connections per minute per user and per IP', () => {
    limits({ REALTIME_CONNECTS_PER_MINUTE: 3, REALTIME_MAX_STREAMS_PER_USER: 100, REALTIME_MAX_STREAMS_PER_IP: 100, REALTIME_MAX_STREAMS_PER_ORG: 100, REALTIME_MAX_CONNECTIONS: 100 });
    for (let i = 0; i < 3; i++) take({ userId: 'rate-u', ip: `rate-ip-${i}`, orgId: 'o' })();
    const rate = refusal(() => take({ userId: 'rate-u', ip: 'rate-ip-x', orgId: 'o' }));
    expect(rate.status).toBe(429);
    expect(rate.retryAfter).toBeGreaterThan(0);
    expect(rate.retryAfter).toBeLessThanOrEqual(60);
    expect(rate.message).toMatch(/a minute/);
  });
});
