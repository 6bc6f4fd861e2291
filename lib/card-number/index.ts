// The one card-number (PAN) detector: every path that stores text asks it
// first, so no card number (and no NUL byte) is ever stored.
export { containsCardNumber, findCardNumberField, findUnsafeText, passesLuhn, type TUnsafeText } from './detect';
export { normalizeForCardNumbers } from './normalize';
export { throwIfUnsafeText, unsafeTextMessage } from './refuse';
