// SECURITY: Orylo never stores a card number (PAN). A request is refused when
// any string or number in it (keys included) contains a standalone run of
// digits (spaces or dashes allowed between them) that has the length and
// leading digits of a card network's numbers and passes the Luhn check.
// Standalone: a longer digit run (a 20-digit id) is not a card. Network
// prefixes: order ids such as 13-digit millisecond timestamps (leading 1) pass.

const CANDIDATE = /(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])/g;

// A UUID (8-4-4-4-12 hex) is an identifier, never a card: its digit groups,
// joined by its dashes, can otherwise pass as a 16–19 digit PAN (about one
// random UUID in 3,000 did, refusing order ids such as pi_203f5088-7499-4210-8042-…).
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

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

export function containsCardNumber(text: string): boolean {
  for (const match of text.replace(UUID, '~').matchAll(CANDIDATE)) {
    if (looksLikePan(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

/** The path of the first field holding something that looks like a full card number, or null. */
export function findCardNumberField(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string' || typeof value === 'number') {
    return containsCardNumber(String(value)) ? path.join('.') || '(body)' : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findCardNumberField(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      // A key can carry a PAN too ({ "4111…": true }).
      if (containsCardNumber(key)) return [...path, '(key)'].join('.');
      const hit = findCardNumberField(v, [...path, key]);
      if (hit) return hit;
    }
  }
  return null;
}
