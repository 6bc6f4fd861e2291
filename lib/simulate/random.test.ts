import { describe, expect, it } from 'vitest';
import { containsCardNumber } from '@/lib/card-number';
import { createRng, docIpv4At, DOC_IPV4_COUNT, hashSeed, logNormal, token } from './random';

describe('random helpers', () => {
  it('replays from a seed', () => {
    const a = createRng(9);
    const b = createRng(9);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
    expect(hashSeed('x', 1)).toBe(hashSeed('x', 1));
    expect(hashSeed('x', 1)).not.toBe(hashSeed('x', 2));
  });

  it('never puts six digits in a row in a token, so no token can hold a card number', () => {
    const rng = createRng(1);
    for (let i = 0; i < 20_000; i++) {
      const t = token(rng, 32);
      expect(t).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(t).not.toMatch(/\d{6}/);
      expect(containsCardNumber(t)).toBe(false);
    }
  });

  it('numbers the 762 documentation IPv4 addresses once each', () => {
    const all = new Set(Array.from({ length: DOC_IPV4_COUNT }, (_, i) => docIpv4At(i)));
    expect(all.size).toBe(762);
    expect(docIpv4At(0)).toBe('192.0.2.1');
    expect(docIpv4At(DOC_IPV4_COUNT - 1)).toBe('203.0.113.254');
    expect(docIpv4At(DOC_IPV4_COUNT)).toBe('192.0.2.1');
  });

  it('draws log-normal values around the median', () => {
    const rng = createRng(2);
    const values = Array.from({ length: 10_000 }, () => logNormal(rng, 100, 0.5)).sort((a, b) => a - b);
    expect(values[5_000]).toBeGreaterThan(95);
    expect(values[5_000]).toBeLessThan(105);
    expect(values.every((v) => v > 0)).toBe(true);
  });
});
