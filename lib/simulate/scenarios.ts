import { z } from 'zod';
import type { ZTransactionInputSchema } from '@/lib/detections/schema';
import { ATTACK_BINS, COMMON_BINS, COUNTRIES, ENUMERATION_DECLINES, FIRST_NAMES, LAST_NAMES, SHOPPER_DECLINES, SHOPPER_DOMAINS, TESTING_DECLINES, THROWAWAY_DOMAINS } from './catalog';
import { createRng, digits, docIpv4, docIpv4At, docIpv6, DOC_IPV4_COUNT, hashSeed, intBetween, letters, logNormal, pick, pickWeighted, randomSeed, token, type TRng } from './random';

// Traffic scenarios for `npm run simulate` and the ingest benchmark. A scenario
// is made once per run (its fixed cast: the attacker's IPs, the BINs, the
// customers) and then is a pure function (rng, i) → body of the i-th attempt.
// Cards are described by fingerprint, BIN and last 4 only, as the API expects.

export const SCENARIOS = ['normal', 'card-testing', 'bin-attack', 'rotating-ips'] as const;
export type TScenarioName = (typeof SCENARIOS)[number];
export const ZScenarioNameSchema = z.enum(SCENARIOS, { error: `Must be one of ${SCENARIOS.join(', ')}` });

/** A POST /api/v1/transactions body (README, "Sending transactions"). */
export type TTransactionBody = z.input<typeof ZTransactionInputSchema>;
export type TScenario = (rng: TRng, i: number) => TTransactionBody;

export type TScenarioOptions = {
  /** Fixes the cast (and, with the same rng, every body): a run can be replayed. */
  seed?: number;
  /** Letters only; makes externalIds unique per run (a repeated id is an idempotent replay). Random by default. */
  runId?: string;
  /** card-testing: how many IPs the attacker uses (default 1). */
  attackerIps?: number;
};

const CUSTOMERS = 20_000;
const SHORT: Record<TScenarioName, string> = { normal: 'n', 'card-testing': 'ct', 'bin-attack': 'bin', 'rotating-ips': 'rot' };

// SECURITY: the run id is letters only and the counter base 36: an externalId never holds a long digit run.
const externalId = (name: TScenarioName, runId: string, i: number) => `sim_${SHORT[name]}_${runId}_${i.toString(36)}`;
const throwawayEmail = (rng: TRng) => `${letters(rng, intBetween(rng, 6, 10))}${digits(rng, 2)}@${pick(rng, THROWAWAY_DOMAINS)}`;
const fingerprint = (rng: TRng) => `fp_${token(rng, 16)}`;
const decline = (rng: TRng, probability: number, codes: readonly (readonly [string, number])[]) =>
  rng() < probability ? ({ authStatus: 'declined', declineCode: pickWeighted(rng, codes) } as const) : ({ authStatus: 'authorized' } as const);

/** Basket totals: log-normal around €75 (most between €40 and €120), 3 % large orders, prices ending in .99 more often than not. */
function shopperAmount(rng: TRng): number {
  const raw = rng() < 0.03 ? logNormal(rng, 45_000, 0.6) : logNormal(rng, 7_500, 0.45);
  const minor = Math.min(2_000_000, Math.max(199, raw));
  return rng() < 0.6 ? Math.max(99, Math.round(minor / 100) * 100 - 1) : Math.round(minor);
}

/**
 * 60 % IPv4, 40 % IPv6. The IPv4 documentation ranges hold only 762
 * addresses, so strangers share them far more than real shoppers share
 * addresses: at 60 shoppers/s for 20 s, about 1 % of them meet two others'
 * cards on their address (ip_distinct_cards rules), an artifact of the simulation.
 */
const shopperIp = (rng: TRng) => (rng() < 0.6 ? docIpv4(rng) : docIpv6(rng));

type TCustomer = { email: string; customerId: string; deviceId: string; homeIp: string; currency: string; cards: { fingerprint: string; bin: string; last4: string; country: string }[] };

/** Customer c of the run, always the same person: same email, device, home IP and one or two cards. */
function customer(seed: number, c: number): TCustomer {
  const r = createRng(hashSeed(seed, 'customer', c));
  const { country, currency } = pickWeighted(r, COUNTRIES);
  const name = `${pick(r, FIRST_NAMES)}.${pick(r, LAST_NAMES)}${r() < 0.5 ? digits(r, 2) : ''}`;
  const cards = Array.from({ length: r() < 0.7 ? 1 : 2 }, () => ({ fingerprint: fingerprint(r), bin: pickWeighted(r, COMMON_BINS), last4: digits(r, 4), country }));
  return {
    email: `${name}@${pick(r, SHOPPER_DOMAINS)}`,
    customerId: `cus_${token(r, 14)}`,
    deviceId: `dev_${token(r, 16)}`,
    homeIp: shopperIp(r),
    currency,
    cards,
  };
}

/**
 * Ordinary shoppers: 90 % returning customers (20,000 of them), 10 % guests; ~4 % declined.
 * Their IPv4 addresses come from the 762 documentation addresses, so above
 * ~10 shoppers/s sustained for 10 minutes strangers share addresses often
 * enough to trip per-IP velocity rules (their IPv6 addresses never repeat).
 */
function normal(seed: number, runId: string): TScenario {
  return (rng, i) => {
    const guest = rng() < 0.1;
    const amount = shopperAmount(rng);
    const outcome = decline(rng, 0.04, SHOPPER_DECLINES);
    if (guest) {
      const { country, currency } = pickWeighted(rng, COUNTRIES);
      return {
        externalId: externalId('normal', runId, i),
        amount,
        currency,
        email: `${pick(rng, FIRST_NAMES)}.${pick(rng, LAST_NAMES)}${digits(rng, 3)}@${pick(rng, SHOPPER_DOMAINS)}`,
        ip: shopperIp(rng),
        deviceId: `dev_${token(rng, 16)}`,
        card: { fingerprint: fingerprint(rng), bin: pickWeighted(rng, COMMON_BINS), last4: digits(rng, 4), country },
        ...outcome,
      };
    }
    const c = customer(seed, Math.floor(rng() * CUSTOMERS));
    const card = c.cards.length > 1 && rng() < 0.3 ? c.cards[1] : c.cards[0];
    // Mostly from home; sometimes on the move (another network).
    const ip = rng() < 0.85 ? c.homeIp : shopperIp(rng);
    return {
      externalId: externalId('normal', runId, i),
      amount,
      currency: c.currency,
      email: c.email,
      ip,
      customerId: c.customerId,
      ...(rng() < 0.9 ? { deviceId: c.deviceId } : {}),
      card,
      ...outcome,
    };
  };
}

/** n different addresses, a share of them IPv6 (the first one always IPv4). */
function distinctIps(rng: TRng, n: number, v6Share: number): string[] {
  const ips = new Set<string>();
  while (ips.size < n) ips.add(ips.size > 0 && rng() < v6Share ? docIpv6(rng) : docIpv4(rng));
  return [...ips];
}

/** A few distinct items of a list, in random order. */
function sample<T>(rng: TRng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return out;
}

/** One script (on one IP, or a handful) trying stolen cards on 2–3 BINs with tiny amounts; ~75 % declined. */
function cardTesting(seed: number, runId: string, attackerIps: number): TScenario {
  const setup = createRng(hashSeed(seed, 'card-testing'));
  const ips = distinctIps(setup, attackerIps, 0.25);
  const bots = ips.map(() => `dev_${token(setup, 16)}`);
  const bins = sample(setup, ATTACK_BINS, intBetween(setup, 2, 3));
  return (rng, i) => {
    // One attempt in ten retries the previous card with another CVC guess.
    const retry = i > 0 && rng() < 0.1;
    const cardRng = createRng(hashSeed(seed, 'ct-card', retry ? i - 1 : i));
    const { bin, country } = pick(cardRng, bins);
    const at = Math.floor(rng() * ips.length);
    const outcome = decline(rng, 0.75, TESTING_DECLINES);
    return {
      externalId: externalId('card-testing', runId, i),
      amount: rng() < 0.6 ? pick(rng, [50, 100, 100, 100, 150, 200]) : intBetween(rng, 50, 200),
      currency: 'EUR',
      email: throwawayEmail(rng),
      ip: ips[at],
      ...(rng() < 0.5 ? { deviceId: bots[at] } : {}),
      card: { fingerprint: fingerprint(cardRng), bin, last4: digits(cardRng, 4), country },
      ...(retry && outcome.authStatus === 'declined' ? { authStatus: 'declined', declineCode: 'incorrect_cvc' } : outcome),
    };
  };
}

/** Enumeration of one BIN: sequential last 4, a new card each time, spread over 4–8 IPs; ~88 % declined. */
function binAttack(seed: number, runId: string): TScenario {
  const setup = createRng(hashSeed(seed, 'bin-attack'));
  const { bin, country } = pick(setup, ATTACK_BINS);
  const start = intBetween(setup, 0, 9_999);
  const ips = distinctIps(setup, intBetween(setup, 4, 8), 0.25);
  return (rng, i) => ({
    externalId: externalId('bin-attack', runId, i),
    amount: rng() < 0.7 ? 100 : intBetween(rng, 50, 300),
    currency: 'EUR',
    email: throwawayEmail(rng),
    ip: ips[i % ips.length],
    card: { fingerprint: fingerprint(createRng(hashSeed(seed, 'bin-card', i))), bin, last4: String((start + i) % 10_000).padStart(4, '0'), country },
    ...decline(rng, 0.88, ENUMERATION_DECLINES),
  });
}

/**
 * Two attempts in five use IPv4, the rest IPv6: the k-th IPv4 attempt gets the
 * k-th address of a shuffled walk, so IPv4 repeats only once all 762
 * documentation addresses are used (after 1,905 attempts).
 */
const ipv4Turn = (i: number) => (i % 5 < 2 ? Math.floor(i / 5) * 2 + (i % 5) : null);

// Steps coprime with DOC_IPV4_COUNT (762 = 2 × 3 × 127): i → offset + i × step visits every address once.
const STEPS = [5, 7, 11, 13, 17, 19, 23, 25, 29, 31, 35, 37, 41, 43];

/** A new IP for every attempt (residential proxies), new cards on 3 BINs, small amounts; ~80 % declined. */
function rotatingIps(seed: number, runId: string): TScenario {
  const setup = createRng(hashSeed(seed, 'rotating-ips'));
  const bins = sample(setup, ATTACK_BINS, 3);
  const offset = intBetween(setup, 0, DOC_IPV4_COUNT - 1);
  const step = pick(setup, STEPS);
  return (rng, i) => {
    const cardRng = createRng(hashSeed(seed, 'rot-card', i));
    const { bin, country } = pick(cardRng, bins);
    const v4 = ipv4Turn(i);
    return {
      externalId: externalId('rotating-ips', runId, i),
      amount: intBetween(rng, 100, 500),
      currency: 'EUR',
      email: throwawayEmail(rng),
      ip: v4 === null ? docIpv6(rng) : docIpv4At(offset + v4 * step),
      ...(rng() < 0.5 ? { deviceId: `dev_${token(rng, 16)}` } : {}),
      card: { fingerprint: fingerprint(cardRng), bin, last4: digits(cardRng, 4), country },
      ...decline(rng, 0.8, TESTING_DECLINES),
    };
  };
}

/** The scenario's generator for one run. */
export function createScenario(name: TScenarioName, options: TScenarioOptions = {}): TScenario {
  const seed = options.seed ?? randomSeed();
  const runId = options.runId ?? letters(createRng(randomSeed()), 8);
  if (!/^[a-z]+$/i.test(runId)) throw new Error('runId must be letters only');
  switch (name) {
    case 'normal':
      return normal(seed, runId);
    case 'card-testing':
      return cardTesting(seed, runId, Math.max(1, options.attackerIps ?? 1));
    case 'bin-attack':
      return binAttack(seed, runId);
    case 'rotating-ips':
      return rotatingIps(seed, runId);
  }
}

export type TMixPart = { scenario: TScenarioName; share: number };
export type TTaggedBody = { scenario: TScenarioName; body: TTransactionBody };

/**
 * Several scenarios at once (the benchmark's 70 % card testing + 30 % shoppers):
 * each attempt picks a scenario by share; each scenario counts its own attempts.
 */
export function createMix(parts: TMixPart[], options: TScenarioOptions = {}): (rng: TRng, i: number) => TTaggedBody {
  const seed = options.seed ?? randomSeed();
  const made = parts.map((p) => ({ ...p, next: createScenario(p.scenario, { ...options, seed: hashSeed(seed, p.scenario) }), count: 0 }));
  const weighted = made.map((m) => [m, m.share] as const);
  return (rng) => {
    const part = made.length === 1 ? made[0] : pickWeighted(rng, weighted);
    return { scenario: part.scenario, body: part.next(rng, part.count++) };
  };
}
