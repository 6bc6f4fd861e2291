import { z } from 'zod';
import type { TAttackRow } from '@/db/schema';

/** One row of topIps / topBins / topCards: attempts since the incident started and how they were decided. */
export type TTopEntry = { value: string; attempts: number; blocked: number; review: number; allowed: number };

/** Why an incident opened: each signal's observed value against its threshold. */
export type TAttackTrigger = {
  windowSeconds: number;
  attempts: { observed: number; threshold: number };
  signals: TAttackSignal[];
};

export type TAttackSignal =
  | { kind: 'decline_ratio'; observed: number; threshold: number; baseline: number; baselineAttempts: number }
  | { kind: 'ip_distinct_cards'; value: string; observed: number; threshold: number }
  | { kind: 'bin_distinct_cards'; value: string; observed: number; threshold: number; failedRatio: number; minFailedRatio: number };

/**
 * What attributes an attempt to an incident: its IP, its device, or its BIN
 * when the attempt failed (declined, or blocked by Orylo). `failures`: the
 * incident opened on the decline ratio alone, with no IP, device or BIN to
 * follow, and counts failed attempts beyond the org's usual share.
 */
export type TAttackIndicators = { ips: string[]; devices: string[]; bins: string[]; failures: boolean };

/** A card-testing incident: the one shape of GET /api/v1/attacks, stats.attack and the attack_* events. */
export type TAttack = {
  id: string;
  status: 'open' | 'closed';
  startedAt: string;
  endedAt: string | null;
  lastAttemptAt: string;
  updatedAt: string;
  attempts: number;
  attemptsPerMinute: number;
  declined: number;
  blocked: number;
  distinctCards: number;
  topIps: TTopEntry[];
  topBins: TTopEntry[];
  topCards: TTopEntry[];
  trigger: TAttackTrigger | Record<string, never>;
  indicators: TAttackIndicators;
  /** When it last resumed after having closed, or null. */
  resumedAt: string | null;
};

export const ZAttackStatusSchema = z.enum(['open', 'closed'], { error: 'Must be "open" or "closed"' });

const iso = (d: Date | string) => new Date(d).toISOString();

export function toAttack(row: TAttackRow): TAttack {
  return {
    id: row.id,
    status: row.status as TAttack['status'],
    startedAt: iso(row.startedAt),
    endedAt: row.endedAt ? iso(row.endedAt) : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    updatedAt: iso(row.updatedAt),
    attempts: row.attempts,
    attemptsPerMinute: row.attemptsPerMinute,
    declined: row.declined,
    blocked: row.blocked,
    distinctCards: row.distinctCards,
    topIps: row.topIps as TTopEntry[],
    topBins: row.topBins as TTopEntry[],
    topCards: row.topCards as TTopEntry[],
    trigger: row.trigger as TAttack['trigger'],
    indicators: toIndicators(row.indicators),
    resumedAt: row.resumedAt ? iso(row.resumedAt) : null,
  };
}

/** Stored indicators; an incident from before attribution has none and counts failures. */
export function toIndicators(stored: unknown): TAttackIndicators {
  const s = (stored ?? {}) as Partial<TAttackIndicators>;
  const ips = s.ips ?? [];
  const devices = s.devices ?? [];
  const bins = s.bins ?? [];
  return { ips, devices, bins, failures: s.failures ?? (ips.length + devices.length + bins.length === 0) };
}
