// The raw material of simulated traffic: plausible BINs, names, domains and
// decline codes (Stripe's vocabulary, which most merchants will send us).

/** Everyday BINs, weighted by how common a shopper's card is. */
export const COMMON_BINS: readonly (readonly [string, number])[] = [
  ['424242', 20],
  ['411111', 8],
  ['400005', 10],
  ['497010', 12],
  ['455673', 8],
  ['555555', 12],
  ['510510', 8],
  ['222300', 5],
  ['378282', 6],
  ['601111', 4],
  ['353011', 2],
  ['360569', 2],
];

/** BINs card testers favour in these simulations: prepaid and foreign-issued ranges. */
export const ATTACK_BINS: readonly { bin: string; country: string }[] = [
  { bin: '453201', country: 'US' },
  { bin: '476173', country: 'BR' },
  { bin: '520082', country: 'US' },
  { bin: '535310', country: 'MX' },
  { bin: '414720', country: 'US' },
  { bin: '489504', country: 'TR' },
  { bin: '559292', country: 'NG' },
];

/** Shopper countries (weights) and the currency they pay in. */
export const COUNTRIES: readonly (readonly [{ country: string; currency: string }, number])[] = [
  [{ country: 'FR', currency: 'EUR' }, 30],
  [{ country: 'DE', currency: 'EUR' }, 20],
  [{ country: 'ES', currency: 'EUR' }, 8],
  [{ country: 'IT', currency: 'EUR' }, 8],
  [{ country: 'NL', currency: 'EUR' }, 6],
  [{ country: 'GB', currency: 'GBP' }, 12],
  [{ country: 'US', currency: 'USD' }, 16],
];

export const FIRST_NAMES = ['jane', 'omar', 'li', 'sofia', 'lucas', 'amara', 'noah', 'mia', 'yuki', 'ivan', 'chloe', 'mateo', 'leila', 'hugo', 'anna', 'kofi', 'elena', 'tom', 'ines', 'arjun'] as const;
export const LAST_NAMES = ['martin', 'bernard', 'muller', 'garcia', 'rossi', 'smith', 'dubois', 'tanaka', 'nowak', 'silva', 'jansen', 'okafor', 'moreau', 'khan', 'weber'] as const;
// RFC 2606 / 6761 names only: never somebody's real mailbox.
export const SHOPPER_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'post.test'] as const;
export const THROWAWAY_DOMAINS = ['tempmail.test', 'burner.example', 'mailinator.test', 'yopmail.example', 'dropmail.test'] as const;

/** A genuine shopper's decline: mostly no money left, sometimes a typo or an old card. */
export const SHOPPER_DECLINES: readonly (readonly [string, number])[] = [
  ['insufficient_funds', 40],
  ['card_declined', 25],
  ['do_not_honor', 15],
  ['expired_card', 10],
  ['incorrect_cvc', 10],
];

/** A card tester's declines: dead, blocked and guessed cards. */
export const TESTING_DECLINES: readonly (readonly [string, number])[] = [
  ['card_declined', 35],
  ['incorrect_cvc', 20],
  ['insufficient_funds', 15],
  ['do_not_honor', 15],
  ['stolen_card', 5],
  ['lost_card', 5],
  ['expired_card', 5],
];

/** Enumerating numbers on one BIN mostly hits numbers that do not exist. */
export const ENUMERATION_DECLINES: readonly (readonly [string, number])[] = [
  ['incorrect_number', 30],
  ['card_declined', 25],
  ['do_not_honor', 15],
  ['incorrect_cvc', 10],
  ['expired_card', 10],
  ['insufficient_funds', 10],
];
