import { describe, expect, it } from 'vitest';
import { activeClaim, ageOf, heldByOther, isOverTarget, isTypingTarget, verdictFor } from './queue-logic';

const now = Date.parse('2026-12-01T00:00:00Z');
const claimed = (userId: string, until: number) => ({
  review: { status: 'pending' as const, by: null, at: null, note: null, verdict: null, claim: { userId, name: 'Ana', email: 'a@x.io', until: new Date(until).toISOString() } },
});

describe('queue logic', () => {
  it('a claim counts while it runs, and only for others', () => {
    expect(activeClaim(claimed('u1', now + 1000), now)?.userId).toBe('u1');
    expect(activeClaim(claimed('u1', now - 1), now)).toBeNull();
    expect(activeClaim({ review: null }, now)).toBeNull();
    expect(heldByOther(claimed('u1', now + 1000), 'u1', now)).toBeNull();
    expect(heldByOther(claimed('u1', now + 1000), 'u2', now)?.name).toBe('Ana');
  });

  it('ages and the target', () => {
    expect(ageOf(45_000)).toEqual({ key: 'seconds', values: { s: 45 } });
    expect(ageOf(12 * 60_000)).toEqual({ key: 'minutes', values: { m: 12 } });
    expect(ageOf(185 * 60_000)).toEqual({ key: 'hours', values: { h: 3, mm: '05' } });
    expect(ageOf(52 * 3_600_000)).toEqual({ key: 'days', values: { d: 2, h: 4 } });
    expect(isOverTarget(new Date(now - 31 * 60_000).toISOString(), 30, now)).toBe(true);
    expect(isOverTarget(new Date(now - 29 * 60_000).toISOString(), 30, now)).toBe(false);
  });

  it('verdict "as decided" follows the action; a chosen one is kept', () => {
    expect(verdictFor('approve', 'auto')).toBe('genuine');
    expect(verdictFor('block', 'auto')).toBe('fraud');
    expect(verdictFor('approve', 'unclear')).toBe('unclear');
  });

  it('shortcuts never fire while typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'TR', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
