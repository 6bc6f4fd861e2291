import { normalizeForCardNumbers } from './normalize';

// SECURITY: Orylo never stores a card number (PAN). Text is refused when, read
// as a person reads it (normalize.ts), it holds digits that have the length
// and leading digits of a card network's numbers and pass the Luhn check,
// whatever separates their groups: any run of up to three characters that are
// neither letters nor digits (dots, dashes, underscores, slashes), where a
// run of whitespace of any length counts as one. A letter or a longer run
// ends the number. A run of more than 19 digits with no separator (a long
// numeric id) is not a card, and order ids such as 13-digit millisecond
// timestamps (leading 1) match no network. Linear in the text's length.
//
// Three shapes are identifiers, not cards, and are read as one opaque word:
// a UUID and a hex digest (32+ hex characters: MD5, SHA-1, SHA-256, a
// merchant's card fingerprint) with a letter in them, and an IPv6 address
// with a hex letter in it. Their digit runs, joined, pass as a PAN about once
// in a few thousand values, which would refuse that many honest requests. A
// card number hidden inside one of them on purpose is the known cost (README,
// "Trust boundaries").

/** A UUID (8-4-4-4-12 hex), standing alone: not glued to more hex before it or to anything after. */
const UUID = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z])/gi;

/** A hex digest standing alone: 32 or more hex characters. */
const HEX_DIGEST = /(?<![0-9a-z])[0-9a-f]{32,}(?![0-9a-z])/gi;

const HAS_HEX_LETTER = /[a-f]/i;

/** Leading digits and lengths of the major networks' PANs (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
const NETWORKS: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] },
  { prefix: /^(5[1-5]|2[2-7])/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^3(0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] },
  { prefix: /^35/, lengths: [16, 17, 18, 19] },
  { prefix: /^6/, lengths: [16, 17, 18, 19] },
  { prefix: /^(50|5[6-9])/, lengths: [12, 13, 14, 15, 16, 17, 18, 19] },
];

const MAX_SEPARATOR = 3;

/**
 * An IPv6 address with a hex letter in it is an address: its all-digit
 * groups, joined by colons, pass as a PAN about once in 3,300 random
 * addresses. One of only decimal groups (`4111:1111:1111:1111::`) is read
 * like any other text.
 */
function isIpv6Address(token: string): boolean {
  if (!token.includes(':') || !/^[0-9a-f:]+$/i.test(token) || !HAS_HEX_LETTER.test(token)) return false;
  const halves = token.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h ? h.split(':') : []));
  if (!groups.every((g) => g.length >= 1 && g.length <= 4)) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function looksLikePan(digits: string): boolean {
  if (/^(\d)\1+$/.test(digits)) return false; // 0000…: a placeholder, not a card
  const network = NETWORKS.some((n) => n.prefix.test(digits) && n.lengths.includes(digits.length));
  return network && passesLuhn(digits);
}

/** Any run of consecutive digit groups (as separated in the text) holding 13 to 19 digits in all that is a PAN. */
function groupsHoldPan(groups: string[]): boolean {
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    for (let j = i; j < groups.length && digits.length + groups[j].length <= 19; j++) {
      digits += groups[j];
      if (digits.length >= 13 && looksLikePan(digits)) return true;
    }
  }
  return false;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlnum = (c: string) => /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string) => /\s/.test(c);

export function containsCardNumber(text: string): boolean {
  const opaque = (id: string) => (HAS_HEX_LETTER.test(id) ? '~' : id);
  const s = normalizeForCardNumbers(text)
    .replace(UUID, opaque)
    .replace(HEX_DIGEST, opaque)
    // Each run of hex digits and colons not glued to a letter or digit, whatever
    // punctuation surrounds it: an address quoted in JSON ("2001:db8::1",) reads as
    // the address it is, as it does standing alone.
    .replace(/(?<![\p{L}\p{N}:])[0-9a-f:]+(?![\p{L}\p{N}:])/giu, (token) => (isIpv6Address(token) ? '~' : token));
  let groups: string[] = [];
  let group = '';
  let gap = 0; // separator characters since the last digit (a whitespace run counts once)
  let inSpace = false;
  const close = (): boolean => {
    if (group) groups.push(group);
    const hit = groupsHoldPan(groups);
    groups = [];
    group = '';
    return hit;
  };
  for (const c of s) {
    if (isDigit(c)) {
      if (gap > 0 && group) {
        groups.push(group);
        group = '';
      }
      group += c;
      gap = 0;
    } else if (isAlnum(c)) {
      if (close()) return true;
      gap = 0;
    } else if (isSpace(c) && inSpace) {
      continue;
    } else if (++gap > MAX_SEPARATOR && (group || groups.length)) {
      if (close()) return true;
    }
    inSpace = isSpace(c);
  }
  return close();
}

export type TUnsafeText = { path: string; reason: 'card_number' | 'nul' };

/**
 * The first string or number (keys included) of a parsed JSON value that
 * holds a card number or a NUL byte, with its path, or null. Iterative, with
 * paths built only for the hit, so a deeply nested body costs linear time
 * and no stack.
 */
export function findUnsafeText(value: unknown): TUnsafeText | null {
  type TNode = { value: unknown; key: string | null; parent: TNode | null };
  const pathOf = (node: TNode, last?: string) => {
    const parts: string[] = last ? [last] : [];
    for (let n: TNode | null = node; n && n.key !== null; n = n.parent) parts.unshift(n.key);
    return parts.join('.') || '(body)';
  };
  const stack: TNode[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string' || typeof v === 'number') {
      const text = String(v);
      if (text.includes('\u0000')) return { path: pathOf(node), reason: 'nul' };
      if (containsCardNumber(text)) return { path: pathOf(node), reason: 'card_number' };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: node });
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        // A key can carry a PAN too ({ "4111…": true }).
        if (key.includes('\u0000')) return { path: pathOf(node, '(key)'), reason: 'nul' };
        if (containsCardNumber(key)) return { path: pathOf(node, '(key)'), reason: 'card_number' };
        stack.push({ value: child, key, parent: node });
      }
    }
  }
  return null;
}

/** The path of the first field holding something that looks like a full card number, or null. */
export function findCardNumberField(value: unknown): string | null {
  const hit = findUnsafeText(value);
  return hit?.reason === 'card_number' ? hit.path : null;
}
