import { describe, expect, it } from 'vitest';
import type { TDetection } from '@/lib/detections/schema';
import { createTranslator } from 'next-intl';
import { messagesFor } from '@/messages';
import { describeToastGroup as describe_, GROUP_MS, nextToastGroup, toastRedrawDelayMs, TOAST_UPDATE_MS } from './batch-toast';

const words = (locale: 'en' | 'fr') => createTranslator({ locale, messages: messagesFor(locale), namespace: 'dashboard.toast' });
const describeToastGroup = (group: Parameters<typeof describe_>[0], locale: 'en' | 'fr' = 'en') => describe_(group, words(locale));
const rows = (...decisions: TDetection['decision'][]) => decisions.map((decision) => ({ decision }));

describe('toast policy', () => {
  it('says nothing of routine traffic: an ALLOW-only batch leaves the group as it was', () => {
    expect(nextToastGroup(null, rows('ALLOW', 'ALLOW'), 0)).toBeNull();
    const group = nextToastGroup(null, rows('BLOCK'), 0);
    expect(nextToastGroup(group, rows('ALLOW'), 1_000)).toBe(group);
  });

  it('counts REVIEW and BLOCK of batches that arrive close together in one group', () => {
    let group = nextToastGroup(null, rows('ALLOW', 'REVIEW'), 0);
    group = nextToastGroup(group, rows('BLOCK', 'BLOCK', 'ALLOW'), 1_000);
    group = nextToastGroup(group, rows('REVIEW'), 1_000 + GROUP_MS);
    expect(group).toMatchObject({ id: 1, blocked: 2, review: 2 });
    expect(describeToastGroup(group!)).toEqual({ title: '4 flagged payments', description: '2 blocked, 2 to review', tone: 'error' });
    expect(describeToastGroup(group!, 'fr')).toEqual({ title: '4 paiements signalés', description: '2 bloqués, 2 à examiner', tone: 'error' });
  });

  it('starts a new group after a quiet spell', () => {
    const first = nextToastGroup(null, rows('BLOCK'), 0)!;
    const second = nextToastGroup(first, rows('REVIEW', 'REVIEW'), GROUP_MS + 1)!;
    expect(second).toMatchObject({ id: 2, blocked: 0, review: 2 });
    expect(describeToastGroup(first)).toEqual({ title: '1 blocked payment', description: 'Stopped by your rules or lists.', tone: 'error' });
    expect(describeToastGroup(second)).toEqual({ title: '2 payments to review', description: 'Waiting in the review queue.', tone: 'warning' });
    expect(describeToastGroup(first, 'fr').title).toBe('1 paiement bloqué');
  });

  it('redraws a toast at most once per interval', () => {
    expect(toastRedrawDelayMs(null, 5_000)).toBe(0);
    expect(toastRedrawDelayMs(5_000, 5_200)).toBe(TOAST_UPDATE_MS - 200);
    expect(toastRedrawDelayMs(5_000, 5_000 + TOAST_UPDATE_MS + 1)).toBe(0);
  });
});
