import { describe, expect, it } from 'vitest';
import { auditDiff } from './diff';

// Unit test of the audit page's before → after summary (pure).

describe('auditDiff', () => {
  it('shows a review as the decision and the review fields that appeared', () => {
    const lines = auditDiff(
      { decision: 'REVIEW', review: null },
      { decision: 'BLOCK', review: { status: 'blocked', by: 'ana@example.com', at: '2025-01-01T00:00:00.000Z', note: null } },
    );
    expect(lines).toEqual([
      { path: 'decision', before: 'REVIEW', after: 'BLOCK' },
      { path: 'review.status', before: null, after: 'blocked' },
      // who and when have their own columns: last
      { path: 'review.by', before: null, after: 'ana@example.com' },
      { path: 'review.at', before: null, after: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('puts echoes of who and when after what changed, whatever the stored key order', () => {
    const lines = auditDiff({ review: null }, { review: { at: 't', by: 'b', note: 'n', status: 'approved' } });
    expect(lines.map((l) => l.path)).toEqual(['review.note', 'review.status', 'review.at', 'review.by']);
  });

  it('a creation lists the new fields; a removal the old ones; unchanged fields are left out', () => {
    expect(auditDiff(null, { type: 'ip', value: '203.0.113.7' })).toEqual([
      { path: 'type', before: null, after: 'ip' },
      { path: 'value', before: null, after: '203.0.113.7' },
    ]);
    expect(auditDiff({ threshold: 5, window: 600 }, { threshold: 8, window: 600 })).toEqual([{ path: 'threshold', before: '5', after: '8' }]);
    expect(auditDiff({ a: 1 }, null)).toEqual([{ path: 'a', before: '1', after: null }]);
  });

  it('shortens long values and keeps arrays whole', () => {
    const [line] = auditDiff(null, { note: 'x'.repeat(200), tags: ['a', 'b'] });
    expect(line.after!.length).toBe(80);
    expect(auditDiff(null, { tags: ['a', 'b'] })).toEqual([{ path: 'tags', before: null, after: '["a","b"]' }]);
  });

  it('handles scalars and nothing at all', () => {
    expect(auditDiff(null, null)).toEqual([]);
    expect(auditDiff(1, 2)).toEqual([{ path: 'value', before: '1', after: '2' }]);
  });
});
