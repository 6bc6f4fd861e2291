import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { describeToastGroup, GROUP_MS, nextToastGroup } from './batch-toast';

const rows = (...decisions: TDetection['decision'][]) => decisions.map((decision, i) => ({ id: String(i), decision }) as TDetection);

describe('toast grouping', () => {
  it('adds batches that arrive close together into one toast', () => {
    let group = nextToastGroup(null, rows('ALLOW', 'ALLOW'), 0);
    group = nextToastGroup(group, rows('BLOCK'), 1_000);
    group = nextToastGroup(group, rows('REVIEW', 'ALLOW'), 1_000 + GROUP_MS);
    expect(group).toMatchObject({ id: 1, total: 5, blocked: 1, review: 1 });
    expect(describeToastGroup(group)).toEqual({ title: '5 new detections', description: '1 blocked, 1 to review', tone: 'error' });
  });

  it('starts a new toast after a quiet spell', () => {
    const first = nextToastGroup(null, rows('ALLOW'), 0);
    const second = nextToastGroup(first, rows('REVIEW'), GROUP_MS + 1);
    expect(second).toMatchObject({ id: 2, total: 1, review: 1 });
    expect(describeToastGroup(first)).toEqual({ title: '1 new detection', description: 'Allowed', tone: 'success' });
    expect(describeToastGroup(second).tone).toBe('warning');
  });
});
