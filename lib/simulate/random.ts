// Seeded randomness for simulated traffic: a run can be replayed from its seed,
// and tests get the same bodies every time. Everything here stays clear of card
// numbers: identifiers are letters and digits with never more than five digits
// in a row, and separators are never a space or a dash (the API's card-number
// check joins digit groups across those).

export type TRng = () => number;

/** mulberry32: tiny, fast and good enough for traffic shapes (not for secrets). */
export function createRng(seed: number): TRng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over the parts: derives a stable sub-seed, e.g. one per customer or per stolen card. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fresh seed for a run nobody asked to replay. */
export const randomSeed = () => Math.floor(Math.random() * 4_294_967_296);

/** Math.random as a TRng, for callers that do not need replays. */
export const mathRandom: TRng = () => Math.random();

export const pick = <T>(rng: TRng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export const intBetween = (rng: TRng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

/** One item, with probability proportional to its weight. */
export function pickWeighted<T>(rng: TRng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Log-normal around `median` (e^sigma is the spread factor of one standard deviation). */
export function logNormal(rng: TRng, median: number, sigma: number): number {
  const u = 1 - rng(); // (0, 1]: log(0) would be -Infinity
  const v = rng();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * normal);
}

export const digits = (rng: TRng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

/**
 * A Stripe-like random id body ("Xt5EWLLDS7FJjR1c"). SECURITY: every sixth
 * character is a letter, so no run of digits is ever long enough to look
 * like a card number, whatever the generator draws.
 */
export function token(rng: TRng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += i % 6 === 0 ? LETTERS[Math.floor(rng() * LETTERS.length)] : ALNUM[Math.floor(rng() * ALNUM.length)];
  return out;
}

/** Lower-case letters only (email local parts, run tags). */
export function letters(rng: TRng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += LETTERS[Math.floor(rng() * 26)];
  return out;
}

// RFC 5737 documentation networks: never routed, safe to show in demos.
const DOC_V4 = ['192.0.2', '198.51.100', '203.0.113'] as const;
/** Hosts .1–.254 of each of the three /24s. */
export const DOC_IPV4_COUNT = DOC_V4.length * 254;

/** The index-th address of the documentation ranges (0 … DOC_IPV4_COUNT − 1, wrapping). */
export function docIpv4At(index: number): string {
  const i = ((index % DOC_IPV4_COUNT) + DOC_IPV4_COUNT) % DOC_IPV4_COUNT;
  return `${DOC_V4[Math.floor(i / 254)]}.${(i % 254) + 1}`;
}

export const docIpv4 = (rng: TRng) => docIpv4At(Math.floor(rng() * DOC_IPV4_COUNT));

/** A random address in 2001:db8::/32 (RFC 3849): 96 random bits, practically never repeated. */
export function docIpv6(rng: TRng): string {
  const group = () => Math.floor(rng() * 0x10000).toString(16);
  return `2001:db8:${Array.from({ length: 6 }, group).join(':')}`;
}
