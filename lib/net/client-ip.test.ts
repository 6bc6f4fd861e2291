import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { deriveClientIp } from './client-ip';

const trusted = (...entries: string[]) => {
  const list = new BlockList();
  for (const e of entries) {
    const [address, bits] = e.split('/');
    const type = address.includes(':') ? 'ipv6' : 'ipv4';
    if (bits) list.addSubnet(address, Number(bits), type);
    else list.addAddress(address, type);
  }
  return list;
};

describe('the client IP', () => {
  it('is the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(deriveClientIp('203.0.113.7', '6.6.6.6', trusted())).toBe('203.0.113.7');
    expect(deriveClientIp('::ffff:203.0.113.7', undefined, trusted())).toBe('203.0.113.7');
  });

  it('is the right-most hop that is not a trusted proxy, behind trusted proxies', () => {
    const proxies = trusted('127.0.0.1', '10.0.0.0/8');
    expect(deriveClientIp('127.0.0.1', '198.51.100.9', proxies)).toBe('198.51.100.9');
    // A client's own claim sits left of what the proxies appended: it is never chosen.
    expect(deriveClientIp('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3', proxies)).toBe('198.51.100.9');
    expect(deriveClientIp('10.0.0.5', 'garbage, 2001:db8::1', proxies)).toBe('2001:db8::1');
  });

  it('is the socket when a request from a trusted proxy has no usable hop', () => {
    expect(deriveClientIp('127.0.0.1', undefined, trusted('127.0.0.1'))).toBe('127.0.0.1');
    expect(deriveClientIp('127.0.0.1', 'not-an-ip', trusted('127.0.0.1'))).toBe('127.0.0.1');
  });
});
