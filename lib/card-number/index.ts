// The one card-number (PAN) detector: every path that stores text asks it
// first, so no card number is ever stored.
export { containsCardNumber, findCardNumberField, passesLuhn } from './detect';
export { throwIfCardNumber } from './refuse';
