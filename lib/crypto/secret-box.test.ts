import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { openSecret, sealSecret } from './secret-box';

const before = process.env.BETTER_AUTH_SECRET;
beforeAll(() => {
  process.env.BETTER_AUTH_SECRET = 'a'.repeat(40);
  resetEnvCache();
});
afterAll(() => {
  process.env.BETTER_AUTH_SECRET = before;
  resetEnvCache();
});

describe('secret box', () => {
  it('opens what it sealed, and each sealing differs', () => {
    const a = sealSecret('whsec_abc', 'webhook');
    expect(a).not.toContain('whsec_abc');
    expect(sealSecret('whsec_abc', 'webhook')).not.toBe(a);
    expect(openSecret(a, 'webhook')).toBe('whsec_abc');
  });

  it('does not open for another purpose, with another instance secret, or once tampered with', () => {
    const sealed = sealSecret('whsec_abc', 'webhook');
    expect(() => openSecret(sealed, 'stripe')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('whsec_abd').toString('base64url');
    expect(() => openSecret(parts.join('.'), 'webhook')).toThrow();
    process.env.BETTER_AUTH_SECRET = 'b'.repeat(40);
    resetEnvCache();
    expect(() => openSecret(sealed, 'webhook')).toThrow();
  });
});
