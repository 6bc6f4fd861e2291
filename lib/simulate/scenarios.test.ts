import { describe, expect, it } from 'vitest';
import { findCardNumberField } from '@/lib/card-number';
import { ZTransactionInputSchema } from '@/lib/detections/schema';
import { createRng } from './random';
import { createMix, createScenario, SCENARIOS, type TScenarioName, type TTransactionBody } from './scenarios';

// The simulator is how people see the defence work: its attacks must look
// like attacks, its shoppers like shoppers, and nothing it sends may look
// like a card number (the API would refuse it with a 400).

function bodies(name: TScenarioName, n: number, seed = 7): TTransactionBody[] {
  const next = createScenario(name, { seed, runId: 'test' });
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => next(rng, i));
}

const ratio = (items: unknown[], predicate: (x: any) => boolean) => items.filter(predicate).length / items.length;
const distinct = <T>(items: T[]) => new Set(items).size;

describe('every scenario', () => {
  it.each(SCENARIOS)('%s: bodies the API accepts, with unique externalIds', (name) => {
    const list = bodies(name, 2_000);
    for (const body of list) {
      const parsed = ZTransactionInputSchema.safeParse(body);
      expect(parsed.success, JSON.stringify({ body, issues: parsed.error?.issues })).toBe(true);
    }
    expect(distinct(list.map((b) => b.externalId))).toBe(list.length);
  });

  it.each(SCENARIOS)('%s: no field ever looks like a full card number', (name) => {
    for (const seed of [1, 2, 3]) {
      for (const body of bodies(name, 2_000, seed)) expect(findCardNumberField(body), JSON.stringify(body)).toBeNull();
    }
  });

  it.each(SCENARIOS)('%s: the same seeds replay the same traffic', (name) => {
    expect(bodies(name, 50, 42)).toEqual(bodies(name, 50, 42));
    expect(bodies(name, 50, 42)).not.toEqual(bodies(name, 50, 43));
  });
});

describe('normal', () => {
  const list = bodies('normal', 5_000);

  it('declines about 3–5 % with shoppers’ decline codes', () => {
    const declined = list.filter((b) => b.authStatus === 'declined');
    expect(declined.length / list.length).toBeGreaterThanOrEqual(0.025);
    expect(declined.length / list.length).toBeLessThanOrEqual(0.055);
    expect(new Set(declined.map((b) => b.declineCode))).toContain('insufficient_funds');
  });

  it('spends €40–€120 typically, with a few large orders', () => {
    const sorted = list.map((b) => b.amount).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(median).toBeGreaterThanOrEqual(4_000);
    expect(median).toBeLessThanOrEqual(12_000);
    expect(ratio(list, (b) => b.amount >= 4_000 && b.amount <= 12_000)).toBeGreaterThan(0.6);
    const large = ratio(list, (b) => b.amount >= 30_000);
    expect(large).toBeGreaterThan(0.005);
    expect(large).toBeLessThan(0.06);
  });

  it('comes from many IPs (IPv4 and IPv6 documentation ranges) and gives each customer one or two cards', () => {
    expect(distinct(list.map((b) => b.ip))).toBeGreaterThan(500);
    expect(list.some((b) => b.ip!.startsWith('2001:db8:'))).toBe(true);
    expect(list.every((b) => /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$|^2001:db8:/.test(b.ip!))).toBe(true);
    const cards = new Map<string, Set<string>>();
    for (const b of list) if (b.customerId) cards.set(b.customerId, (cards.get(b.customerId) ?? new Set()).add(b.card!.fingerprint));
    expect(cards.size).toBeGreaterThan(1_000);
    expect(Math.max(...[...cards.values()].map((s) => s.size))).toBeLessThanOrEqual(2);
    expect(ratio(list, (b) => b.customerId)).toBeGreaterThan(0.8);
    expect(distinct(list.map((b) => b.card!.bin))).toBeGreaterThanOrEqual(8);
  });
});

describe('card-testing', () => {
  const list = bodies('card-testing', 5_000);

  it('is mostly declined (60–90 %) with testers’ decline codes', () => {
    expect(ratio(list, (b) => b.authStatus === 'declined')).toBeGreaterThanOrEqual(0.6);
    expect(ratio(list, (b) => b.authStatus === 'declined')).toBeLessThanOrEqual(0.9);
    for (const code of ['card_declined', 'incorrect_cvc', 'insufficient_funds', 'do_not_honor']) expect(list.some((b) => b.declineCode === code)).toBe(true);
  });

  it('tries many distinct cards on a few BINs, from one IP, for €0.50–€2, with no customer', () => {
    expect(distinct(list.map((b) => b.card!.fingerprint)) / list.length).toBeGreaterThan(0.85);
    expect(distinct(list.map((b) => b.card!.bin))).toBeLessThanOrEqual(3);
    expect(distinct(list.map((b) => b.ip))).toBe(1);
    expect(list.every((b) => b.amount >= 50 && b.amount <= 200)).toBe(true);
    expect(list.every((b) => b.customerId === undefined)).toBe(true);
    expect(distinct(list.map((b) => b.email))).toBeGreaterThan(4_900);
  });

  it('uses a handful of IPs when asked', () => {
    const next = createScenario('card-testing', { seed: 3, runId: 'test', attackerIps: 4 });
    const rng = createRng(3);
    expect(distinct(Array.from({ length: 500 }, (_, i) => next(rng, i).ip))).toBe(4);
  });
});

describe('bin-attack', () => {
  const list = bodies('bin-attack', 2_000);

  it('enumerates one BIN with sequential last 4, a new card each time, over several IPs, mostly declined', () => {
    expect(distinct(list.map((b) => b.card!.bin))).toBe(1);
    for (let i = 1; i < list.length; i++) expect(Number(list[i].card!.last4)).toBe((Number(list[i - 1].card!.last4) + 1) % 10_000);
    expect(distinct(list.map((b) => b.card!.fingerprint))).toBe(list.length);
    expect(distinct(list.map((b) => b.ip))).toBeGreaterThanOrEqual(4);
    expect(ratio(list, (b) => b.authStatus === 'declined')).toBeGreaterThan(0.8);
  });
});

describe('rotating-ips', () => {
  const list = bodies('rotating-ips', 1_000);

  it('sends every attempt from a new IP, with distinct cards on a few BINs, small amounts, mostly declined', () => {
    expect(distinct(list.map((b) => b.ip))).toBe(list.length);
    expect(distinct(list.map((b) => b.card!.fingerprint))).toBe(list.length);
    expect(distinct(list.map((b) => b.card!.bin))).toBeLessThanOrEqual(3);
    expect(list.every((b) => b.amount <= 500)).toBe(true);
    expect(ratio(list, (b) => b.authStatus === 'declined')).toBeGreaterThan(0.7);
  });
});

describe('createMix', () => {
  it('splits by share and numbers each scenario on its own', () => {
    const mix = createMix([{ scenario: 'card-testing', share: 0.7 }, { scenario: 'normal', share: 0.3 }], { seed: 5, runId: 'mix' });
    const rng = createRng(5);
    const list = Array.from({ length: 4_000 }, (_, i) => mix(rng, i));
    const attack = ratio(list, (t) => t.scenario === 'card-testing');
    expect(attack).toBeGreaterThan(0.66);
    expect(attack).toBeLessThan(0.74);
    expect(distinct(list.map((t) => t.body.externalId))).toBe(list.length);
    for (const t of list) expect(findCardNumberField(t.body)).toBeNull();
  });
});
