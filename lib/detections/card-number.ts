// SECURITY: Orylo never stores a card number (PAN). Any string or number in the
// request that contains a 13–19 digit run (spaces or dashes allowed between
// digits) passing the Luhn check is refused before validation or storage.

const CANDIDATE = /(?:\d[ -]?){12,18}\d/g;

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

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !/^(\d)\1+$/.test(digits)) return true;
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
