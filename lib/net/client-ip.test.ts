import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv, resetEnvCache } from '@/lib/env';
import { resetProcessState } from '@/lib/process-state';
import { canonicalIp, CLIENT_IP_HEADER, clientIp, deriveClientIp, stampClientIp, toBlockList } from './client-ip';

const trusted = (value = '') => toBlockList(parseEnv({ TRUSTED_PROXIES: value }).TRUSTED_PROXIES);

describe('the client IP', () => {
  it('is the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(deriveClientIp('203.0.113.7', '6.6.6.6', trusted())).toBe('203.0.113.7');
    expect(deriveClientIp('127.0.0.1', '6.6.6.6, 7.7.7.7', trusted())).toBe('127.0.0.1');
    // A proxy that is not listed is a client like any other.
    expect(deriveClientIp('10.0.0.1', '198.51.100.9', trusted('10.0.0.2'))).toBe('10.0.0.1');
  });

  it('has one spelling per address: IPv4-mapped IPv6 is IPv4, IPv6 is canonical, ports are dropped', () => {
    expect(deriveClientIp('::ffff:203.0.113.7', undefined, trusted())).toBe('203.0.113.7');
    expect(deriveClientIp('2001:DB8:0:0::1', undefined, trusted())).toBe('2001:db8::1');
    expect(canonicalIp('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(canonicalIp('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(canonicalIp('not-an-ip')).toBeNull();
    expect(canonicalIp('fe80::1%eth0')).toBeNull();
    expect(deriveClientIp(undefined, '6.6.6.6', trusted('0.0.0.0/0'))).toBe('unknown');
  });

  it('is the right-most hop that is not a trusted proxy, behind trusted proxies', () => {
    const proxies = trusted('127.0.0.1, 10.0.0.0/8, fd00::/8');
    expect(deriveClientIp('127.0.0.1', '198.51.100.9', proxies)).toBe('198.51.100.9');
    expect(deriveClientIp('::ffff:127.0.0.1', '198.51.100.9', proxies)).toBe('198.51.100.9');
    // A client's own claim sits left of what the proxies appended: it is never chosen.
    expect(deriveClientIp('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3', proxies)).toBe('198.51.100.9');
    expect(deriveClientIp('fd00::5', '6.6.6.6, 2001:DB8::1, fd00::7', proxies)).toBe('2001:db8::1');
  });

  it('stops at a hop no trusted proxy could have written, and falls back on the last one that did', () => {
    const proxies = trusted('127.0.0.1, 10.0.0.0/8');
    expect(deriveClientIp('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
    expect(deriveClientIp('127.0.0.1', 'not-an-ip', proxies)).toBe('127.0.0.1');
    expect(deriveClientIp('127.0.0.1', '6.6.6.6, garbage, 10.0.0.5', proxies)).toBe('10.0.0.5');
    // Only proxies all the way: the left-most is the nearest to the client we can vouch for.
    expect(deriveClientIp('127.0.0.1', '10.9.9.9, 10.0.0.5', proxies)).toBe('10.9.9.9');
  });
});

describe('clientIp(req) inside Next', () => {
  const request = (headers: Record<string, string>) => new Request('http://localhost/api/v1/lists', { headers });
  afterEach(() => {
    delete process.env.TRUSTED_PROXIES;
    resetEnvCache();
  });

  it('without scripts/server.ts in front (plain `next start`): no header believed, unless TRUSTED_PROXIES vouches for X-Forwarded-For', () => {
    resetProcessState('client-ip.front');
    expect(clientIp(request({ [CLIENT_IP_HEADER]: '7.7.7.7', 'x-forwarded-for': '6.6.6.6' }))).toBe('unknown');
    process.env.TRUSTED_PROXIES = '10.0.0.1';
    resetEnvCache();
    expect(clientIp(request({ [CLIENT_IP_HEADER]: '7.7.7.7', 'x-forwarded-for': '6.6.6.6, 198.51.100.9' }))).toBe('198.51.100.9');
    expect(clientIp(request({ 'x-forwarded-for': '6.6.6.6, 198.51.100.9, 10.0.0.1' }))).toBe('198.51.100.9');
  });

  it('behind scripts/server.ts: the header it stamped, over any copy the client sent', () => {
    const headers: Record<string, string | string[] | undefined> = { [CLIENT_IP_HEADER]: '7.7.7.7', 'x-forwarded-for': '6.6.6.6' };
    expect(stampClientIp(headers, '::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(headers[CLIENT_IP_HEADER]).toBe('127.0.0.1');
    expect(clientIp(request({ [CLIENT_IP_HEADER]: headers[CLIENT_IP_HEADER] as string }))).toBe('127.0.0.1');
    resetProcessState('client-ip.front');
  });
});
