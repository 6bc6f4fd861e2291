// What the card-number detector reads: the text as a person would read it.
// NFKC folds full-width digits and odd spaces; every other Unicode decimal
// digit (Arabic-Indic, Devanagari, …) becomes its ASCII digit; format
// characters (zero-width spaces and joiners, soft hyphens) disappear. Linear.

const NON_ASCII_DIGIT = /[^\x00-\x7f]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * The digit value of a Unicode decimal digit. Unicode lays every decimal
 * digit set out as contiguous runs of ten, zero first, so the value is the
 * offset from the start of its run of digits, modulo ten.
 */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let offset = 0;
  // At most a few runs back (the mathematical digits are five runs in a row).
  while (offset < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    offset += 1;
  }
  return String(offset % 10);
}

export function normalizeForCardNumbers(text: string): string {
  let s = text.normalize('NFKC').replace(FORMAT_CHARS, '');
  if (NON_ASCII_DIGIT.test(s)) s = s.replace(/\p{Nd}/gu, (ch) => (ch >= '0' && ch <= '9' ? ch : digitValue(ch)));
  return s;
}
