import { sql, type SQL } from 'drizzle-orm';
import type { TAttackConfig } from './config';
import type { TAttackIndicators, TAttackTrigger } from './schema';

// An incident is about the attack, not the shop. Attempts are attributed to
// it by what opened it: the IPs and devices that tried many cards or failed
// again and again, the BINs whose cards mostly failed, and, when the decline
// ratio alone opened it, the failed attempts beyond the org's usual share.
// Its counters, top lists, start and end are about attributed attempts only,
// so ordinary shoppers neither swell it nor keep it open.

/** IPs, devices and BINs of the detection window that look like the attack (signals.ts reads them). */
export type TSuspects = { ips: string[]; devices: string[]; bins: string[] };

export const NO_SUSPECTS: TSuspects = { ips: [], devices: [], bins: [] };

const FAILED = sql`(auth_status = 'declined' or decision = 'BLOCK')`;

const inList = (column: string, values: string[]) => sql`${sql.raw(column)} in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;

/** SQL over a detections row: whether it belongs to the incident. */
export function attributedSql(ind: TAttackIndicators): SQL {
  if (ind.failures) return FAILED;
  const parts: SQL[] = [];
  if (ind.ips.length) parts.push(inList('ip', ind.ips));
  if (ind.devices.length) parts.push(inList('device_id', ind.devices));
  // A popular bank's BIN carries shoppers too: only its failed attempts are the attack's.
  if (ind.bins.length) parts.push(sql`(${inList('card_bin', ind.bins)} and ${FAILED})`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** An incident's indicators at opening: the window's suspects, or the decline pattern when it has none. */
export function indicatorsAtOpening(suspects: TSuspects, trigger: TAttackTrigger): TAttackIndicators {
  const fromSignals = { ips: [] as string[], bins: [] as string[] };
  for (const s of trigger.signals) {
    if (s.kind === 'ip_distinct_cards') fromSignals.ips.push(s.value);
    if (s.kind === 'bin_distinct_cards') fromSignals.bins.push(s.value);
  }
  const ips = unique([...fromSignals.ips, ...suspects.ips]);
  const bins = unique([...fromSignals.bins, ...suspects.bins]);
  const devices = unique(suspects.devices);
  return { ips, devices, bins, failures: ips.length + devices.length + bins.length === 0 };
}

/**
 * While it is open, the attack's new IPs, devices and BINs join it (an
 * attacker rotating addresses). An incident that follows the decline pattern
 * starts following entities once it has some.
 */
export function mergeIndicators(current: TAttackIndicators, suspects: TSuspects, config: Pick<TAttackConfig, 'maxIndicators'>): TAttackIndicators {
  const cap = (list: string[]) => list.slice(0, config.maxIndicators);
  const ips = cap(unique([...current.ips, ...suspects.ips]));
  const devices = cap(unique([...current.devices, ...suspects.devices]));
  const bins = cap(unique([...current.bins, ...suspects.bins]));
  return { ips, devices, bins, failures: ips.length + devices.length + bins.length === 0 };
}

export function sameIndicators(a: TAttackIndicators, b: TAttackIndicators): boolean {
  const key = (i: TAttackIndicators) => JSON.stringify([[...i.ips].sort(), [...i.devices].sort(), [...i.bins].sort(), i.failures]);
  return key(a) === key(b);
}

/**
 * Whether a new trigger is the same attack as a recent incident: it comes
 * from one of its IPs or devices, or its BIN signal fires again on one of its
 * BINs (an enumeration that rotates addresses); two incidents that both
 * follow the decline pattern are one. Merely touching a shared BIN is not
 * enough: attacks on a popular range are not one campaign.
 */
export function sameAttack(previous: TAttackIndicators, next: TAttackIndicators, trigger: TAttackTrigger): boolean {
  if (previous.failures && next.failures) return true;
  const shares = (a: string[], b: string[]) => a.some((v) => b.includes(v));
  const signalBins = trigger.signals.flatMap((s) => (s.kind === 'bin_distinct_cards' ? [s.value] : []));
  return shares(previous.ips, next.ips) || shares(previous.devices, next.devices) || shares(previous.bins, signalBins);
}

/**
 * Attributed attempts of the last quiet period, as the closing rule reads
 * them. Under the decline pattern, only failures beyond the org's usual
 * share of the period's traffic count: a shop's ordinary declines never
 * keep an incident open.
 */
export function recentAttributed(ind: TAttackIndicators, recent: { attributed: number; all: number }, baselineRatio: number): number {
  if (!ind.failures) return recent.attributed;
  return Math.max(0, recent.attributed - Math.ceil(baselineRatio * recent.all));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
