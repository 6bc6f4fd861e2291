import { describe, expect, it } from 'vitest';
import { listCandidates } from './match';
import { parseCreateListEntry } from './parse';
import { listEntryPermission, normalizeIp, ZCreateListEntrySchema } from './schema';

const fieldOf = (body: unknown) => {
  try {
    parseCreateListEntry(body);
    return null;
  } catch (error) {
    return (error as { field?: string; code?: string }).field ?? 'no field';
  }
};

describe('list entries', () => {
  it('validates the value per type and names the field', () => {
    expect(fieldOf({ type: 'ip', value: '203.0.113.7', action: 'block' })).toBeNull();
    expect(fieldOf({ type: 'ip', value: '2001:db8::1', action: 'block' })).toBeNull();
    expect(fieldOf({ type: 'ip', value: '999.1.1.1', action: 'block' })).toBe('value');
    expect(fieldOf({ type: 'card_bin', value: '42424', action: 'block' })).toBe('value');
    expect(fieldOf({ type: 'card_bin', value: '42424242', action: 'block' })).toBeNull();
    expect(fieldOf({ type: 'email', value: 'not-an-email', action: 'allow' })).toBe('value');
    expect(fieldOf({ type: 'device_id', value: 'x'.repeat(201), action: 'allow' })).toBe('value');
    expect(fieldOf({ type: 'customer_id', value: '  ', action: 'allow' })).toBe('value');
    expect(fieldOf({ type: 'phone', value: 'x', action: 'block' })).toBe('type');
    expect(fieldOf({ type: 'ip', value: '203.0.113.7', action: 'deny' })).toBe('action');
    expect(fieldOf({ type: 'ip', value: '203.0.113.7', action: 'block', expiresAt: '2001-01-01T00:00:00Z' })).toBe('expiresAt');
    expect(fieldOf({ type: 'ip', value: '203.0.113.7', action: 'block', expiresAt: 'tomorrow' })).toBe('expiresAt');
    expect(fieldOf({ type: 'ip', value: '203.0.113.7', action: 'block', color: 'red' })).toBe('no field');
  });

  it('refuses anything that looks like a full card number', () => {
    expect(fieldOf({ type: 'card_fingerprint', value: '4242 4242 4242 4242', action: 'block' })).toBe('value');
    expect(fieldOf({ type: 'card_bin', value: '424242', action: 'block', reason: 'seen with 4000056655665556' })).toBe('reason');
  });

  it('normalizes values to the form they are matched in', () => {
    const entry = ZCreateListEntrySchema.parse({ type: 'email', value: ' Jane@Example.COM ', action: 'block', reason: '', expiresAt: null });
    expect(entry).toEqual({ type: 'email', value: 'jane@example.com', action: 'block', reason: null, expiresAt: null });
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
  });

  it('matches BIN entries of 6 to 8 digits against the attempt\'s BIN', () => {
    const c = listCandidates({ externalId: 'x', amount: 1, currency: 'EUR', ip: '2001:DB8::1', card: { fingerprint: 'fp', bin: '42424299', last4: '1111' } });
    expect(c).toEqual([
      { type: 'ip', values: ['2001:db8::1'] },
      { type: 'card_fingerprint', values: ['fp'] },
      { type: 'card_bin', values: ['424242', '4242429', '42424299'] },
    ]);
  });
});

describe('listEntryPermission', () => {
  it('lets analysts block, and takes an admin to allow', () => {
    expect(listEntryPermission('block')).toBe('lists.block');
    expect(listEntryPermission('allow')).toBe('lists.allow');
  });
});
