import { describe, expect, it } from 'vitest';
import type { TListEntry } from '@/lib/lists/schema';
import { entryFor, expiresAtFor, relatedListHref } from './keys';

const entry = (over: Partial<TListEntry>): TListEntry => ({
  id: 'e1', type: 'ip', value: '203.0.113.7', action: 'block', reason: null, expiresAt: null, createdBy: null, createdAt: '2026-01-01T00:00:00Z', expired: false, ...over,
});

describe('relatedListHref', () => {
  it("links to the dashboard with DESIGN's filter names and the window's bounds", () => {
    const window = { from: '2026-11-29T10:00:00.001Z', to: '2026-11-30T10:00:00.001Z' };
    const href = relatedListHref('card_bin', '424242', window, 'BLOCK');
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/dashboard');
    expect(Object.fromEntries(url.searchParams)).toEqual({ bin: '424242', from: window.from, to: window.to, decision: 'BLOCK' });
    expect(new URL(relatedListHref('card_fingerprint', 'fp 1&2', window), 'http://x').searchParams.get('cardFingerprint')).toBe('fp 1&2');
    expect(new URL(relatedListHref('customer_id', 'c', window), 'http://x').searchParams.has('decision')).toBe(false);
  });
});

describe('entryFor', () => {
  it('finds the live entry that ingest would match, in its stored spelling', () => {
    expect(entryFor([entry({})], 'ip', '203.0.113.7', 'block')?.id).toBe('e1');
    expect(entryFor([entry({ value: '2001:db8::1' })], 'ip', '2001:DB8:0:0::1', 'block')?.id).toBe('e1');
    expect(entryFor([entry({ type: 'email', value: 'a@b.co' })], 'email', 'A@B.co', 'block')?.id).toBe('e1');
    expect(entryFor([entry({ type: 'card_bin', value: '424242' })], 'card_bin', '42424299', 'block')?.id).toBe('e1');
  });

  it('ignores other actions, types, values and expired entries', () => {
    expect(entryFor([entry({ action: 'allow' })], 'ip', '203.0.113.7', 'block')).toBeNull();
    expect(entryFor([entry({ type: 'email' })], 'ip', '203.0.113.7', 'block')).toBeNull();
    expect(entryFor([entry({ expired: true })], 'ip', '203.0.113.7', 'block')).toBeNull();
    expect(entryFor([entry({ type: 'card_bin', value: '42424299' })], 'card_bin', '424242', 'block')).toBeNull();
  });
});

it('expiresAtFor: now plus the duration, or null for good', () => {
  expect(expiresAtFor(3600_000, Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-01-01T01:00:00.000Z');
  expect(expiresAtFor(null)).toBeNull();
});
