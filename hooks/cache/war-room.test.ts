import { describe, expect, it } from 'vitest';
import type { TAttack } from '@/lib/attacks/schema';
import { applyAttackEvent, attackTimelineEntry, MAX_TIMELINE_ENTRIES, prependTimelineEntry, type TTimelineEntry } from './war-room';

const attack = { id: 'atk-1', attempts: 120, distinctCards: 40, blocked: 90 } as TAttack;

describe('applyAttackEvent', () => {
  it('keeps the latest copy of an open incident and clears it when it ends', () => {
    expect(applyAttackEvent(attack, 'started')).toBe(attack);
    expect(applyAttackEvent({ ...attack, attempts: 130 }, 'updated')).toMatchObject({ attempts: 130 });
    expect(applyAttackEvent(attack, 'ended')).toBeNull();
  });
});

describe('attackTimelineEntry', () => {
  it('says when an attack started and ended; updates add nothing', () => {
    // A tab that opens mid-attack is greeted with attack_started: the start is the incident's, shown by the panel.
    expect(attackTimelineEntry(attack, 'started', 1_000)).toBeNull();
    expect(attackTimelineEntry({ ...attack, resumedAt: '2026-11-30T14:05:00.000Z' }, 'started', 1_000)).toEqual({ at: Date.parse('2026-11-30T14:05:00.000Z'), text: 'Attack resumed: 120 attempts so far', tone: 'danger' });
    expect(attackTimelineEntry(attack, 'ended', 2_000)).toEqual({ at: 2_000, text: 'Attack ended: 120 attempts, 90 blocked', tone: 'success' });
    expect(attackTimelineEntry({ ...attack, endedAt: '2026-11-30T14:10:00.000Z' }, 'ended', 2_000)?.at).toBe(Date.parse('2026-11-30T14:10:00.000Z'));
    expect(attackTimelineEntry(attack, 'updated', 1_500)).toBeNull();
  });
});

describe('prependTimelineEntry', () => {
  it('puts the newest entry first and keeps a bounded timeline', () => {
    let timeline: TTimelineEntry[] = [];
    for (let at = 0; at < MAX_TIMELINE_ENTRIES + 5; at++) timeline = prependTimelineEntry(timeline, { at, text: `#${at}`, tone: 'info' });
    expect(timeline).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(timeline[0].at).toBe(MAX_TIMELINE_ENTRIES + 4);
  });
});
