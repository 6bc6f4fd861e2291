import type { TAttack } from '@/lib/attacks/schema';

// How the stream's attack_* events change the war room's client state: the
// org's open incident and the timeline this tab saw. Pure: ./write.ts applies
// them to the cache.

export type TAttackPhase = 'started' | 'updated' | 'ended';
export type TTimelineEntry = { at: number; text: string; tone: 'danger' | 'info' | 'success' };

/** The stream's attack_* events and the phase each one reports. */
export const ATTACK_PHASE_OF = { attack_started: 'started', attack_updated: 'updated', attack_ended: 'ended' } as const satisfies Record<string, TAttackPhase>;
export const ATTACK_EVENTS = Object.keys(ATTACK_PHASE_OF) as (keyof typeof ATTACK_PHASE_OF)[];

/** The timeline keeps the newest entries; the incident itself is on the server. */
export const MAX_TIMELINE_ENTRIES = 50;

/** The open incident after an event: the event's own copy, or none once it ended. */
export function applyAttackEvent(attack: TAttack, phase: TAttackPhase): TAttack | null {
  return phase === 'ended' ? null : attack;
}

/**
 * What the timeline says of an event, at the server's time of it, not when
 * this tab heard of it (a tab opened mid-attack is greeted with
 * attack_started). The start itself is the panel's first entry (the
 * incident's startedAt); an update only moves the counters.
 */
export function attackTimelineEntry(attack: TAttack, phase: TAttackPhase, at: number): TTimelineEntry | null {
  if (phase === 'started' && attack.resumedAt) return { at: Date.parse(attack.resumedAt), text: `Attack resumed: ${attack.attempts} attempts so far`, tone: 'danger' };
  if (phase === 'ended') return { at: attack.endedAt ? Date.parse(attack.endedAt) : at, text: `Attack ended: ${attack.attempts} attempts, ${attack.blocked} blocked`, tone: 'success' };
  return null;
}

/** Newest first. */
export function prependTimelineEntry(timeline: readonly TTimelineEntry[], entry: TTimelineEntry): TTimelineEntry[] {
  return [entry, ...timeline].slice(0, MAX_TIMELINE_ENTRIES);
}
