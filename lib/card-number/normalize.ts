// What the card-number detector reads: the text as a person would read it.
// NFKC folds full-width digits and odd spaces; every other Unicode decimal
// digit (Arabic-Indic, Devanagari, …) becomes its ASCII digit; what a reader
// does not see disappears: format characters (zero-width spaces and joiners,
// soft hyphens), every other default-ignorable code point (Hangul fillers,
// variation selectors) and combining marks (a digit with an accent on it is
// still the digit). Linear.

const NON_ASCII_DIGIT = /[^\x00-\x7f]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/gu;

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
  let s = text.normalize('NFKC').replace(INVISIBLE, '');
  if (NON_ASCII_DIGIT.test(s)) s = s.replace(/\p{Nd}/gu, (ch) => (ch >= '0' && ch <= '9' ? ch : digitValue(ch)));
  return s;
}
