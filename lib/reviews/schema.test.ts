import { describe, expect, it } from 'vitest';
import { isPendingReview, ZBulkReviewInputSchema, ZReviewInputSchema } from './schema';

const id = '6f1c2d3e-4a5b-4c6d-8e7f-001122334455';

describe('review input', () => {
  it('takes a verdict, and still takes a v1 body without one', () => {
    expect(ZReviewInputSchema.parse({ action: 'block', verdict: 'fraud' })).toMatchObject({ verdict: 'fraud' });
    expect(ZReviewInputSchema.parse({ action: 'approve' }).verdict).toBeUndefined();
    expect(ZReviewInputSchema.safeParse({ action: 'approve', verdict: 'maybe' }).success).toBe(false);
  });

  it('bulk: exactly one selector, a verdict, at most 500 ids', () => {
    expect(ZBulkReviewInputSchema.safeParse({ ids: [id], action: 'block', verdict: 'fraud' }).success).toBe(true);
    expect(ZBulkReviewInputSchema.safeParse({ ip: '203.0.113.7', action: 'approve', verdict: 'genuine' }).success).toBe(true);
    expect(ZBulkReviewInputSchema.safeParse({ attackId: id, action: 'block', verdict: 'unclear' }).success).toBe(true);
    for (const bad of [
      { action: 'block', verdict: 'fraud' },
      { ids: [id], ip: '203.0.113.7', action: 'block', verdict: 'fraud' },
      { ids: [id], action: 'block' },
      { ids: Array(501).fill(id), action: 'block', verdict: 'fraud' },
      { ids: [], action: 'block', verdict: 'fraud' },
      { ip: 'localhost', action: 'block', verdict: 'fraud' },
    ]) {
      expect(ZBulkReviewInputSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
    }
  });

  it('a claimed item is still pending; a reviewed one is not', () => {
    const claim = { userId: 'u', name: null, email: 'a@x.io', until: new Date().toISOString() };
    expect(isPendingReview({ decision: 'REVIEW', review: null })).toBe(true);
    expect(isPendingReview({ decision: 'REVIEW', review: { status: 'pending', by: null, at: null, note: null, verdict: null, claim } })).toBe(true);
    expect(isPendingReview({ decision: 'BLOCK', review: { status: 'blocked', by: 'a', at: '', note: null, verdict: 'fraud', claim: null } })).toBe(false);
  });
});
