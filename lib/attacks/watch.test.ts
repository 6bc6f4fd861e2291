import { describe, expect, it } from 'vitest';
import type { TFeedAttack } from './find';
import type { TAttack } from './schema';
import { AttackWatch } from './watch';

const attack = (id: string, over: Partial<TAttack> = {}): TAttack => ({
  id, status: 'open', startedAt: '2025-01-01T00:00:00.000Z', endedAt: null, lastAttemptAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z', attempts: 10, attemptsPerMinute: 10, declined: 8, blocked: 2, distinctCards: 10,
  topIps: [], topBins: [], topCards: [], trigger: {}, indicators: { ips: [], devices: [], bins: [], failures: true }, resumedAt: null, ...over,
});
const row = (id: string, version: number, over: Partial<TAttack> = {}): TFeedAttack => ({ attack: attack(id, over), version });
const types = (events: { type: string; attack: TAttack }[]) => events.map((e) => `${e.type}:${e.attack.id}`);

describe('AttackWatch', () => {
  it('started, then updated when the version moves (throttled), then ended', () => {
    const w = new AttackWatch(2_000);
    expect(types(w.apply([row('a', 1)], 0))).toEqual(['attack_started:a']);
    expect(w.apply([row('a', 1)], 1_000)).toEqual([]);
    // Moved, but within 2 s of the last event: held back, not lost.
    expect(w.apply([row('a', 2)], 1_500)).toEqual([]);
    expect(types(w.apply([row('a', 2)], 2_100))).toEqual(['attack_updated:a']);
    expect(w.apply([row('a', 2)], 5_000)).toEqual([]);
    expect(w.openIds).toEqual(['a']);
    const ended = w.apply([row('a', 3, { status: 'closed', endedAt: '2025-01-01T00:02:00.000Z' })], 5_100);
    expect(types(ended)).toEqual(['attack_ended:a']);
    expect(ended[0].attack.status).toBe('closed');
    expect(w.openIds).toEqual([]);
    // Out of the read window: forgotten without another event.
    expect(w.apply([], 70_000)).toEqual([]);
  });

  it('an incident first seen closed is remembered silently', () => {
    const w = new AttackWatch(2_000);
    expect(w.apply([row('old', 7, { status: 'closed' })], 0)).toEqual([]);
    expect(w.greeting()).toEqual([]);
  });

  it('greets a joining stream with the open incidents it knows', () => {
    const w = new AttackWatch(2_000);
    expect(w.greeting()).toEqual([]);
    w.apply([row('a', 1), row('b', 1, { status: 'closed' })], 0);
    expect(types(w.greeting())).toEqual(['attack_started:a']);
  });

  it('an open incident that vanished from the read is ended', () => {
    const w = new AttackWatch(2_000);
    w.apply([row('a', 1)], 0);
    const events = w.apply([], 1_000);
    expect(types(events)).toEqual(['attack_ended:a']);
    expect(events[0].attack.status).toBe('closed');
  });

  it('an incident that resumes after it closed is started again', () => {
    const watch = new AttackWatch(2_000);
    watch.apply([row('a', 1)], 0);
    expect(types(watch.apply([row('a', 2, { status: 'closed', endedAt: '2025-01-01T00:05:00.000Z' })], 10_000))).toEqual(['attack_ended:a']);
    expect(types(watch.apply([row('a', 3, { resumedAt: '2025-01-01T00:07:00.000Z' })], 20_000))).toEqual(['attack_started:a']);
    expect(watch.openIds).toEqual(['a']);
  });
});
