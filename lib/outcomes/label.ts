import type { TStoredOutcome } from '@/db/schema';

/** What each labelling type says; the others (authorized, declined, refunded) say nothing about fraud. */
const LABEL_OF: Record<string, 'fraud' | 'legit'> = {
  chargeback: 'fraud',
  early_fraud_warning: 'fraud',
  fraud_confirmed: 'fraud',
  legit_confirmed: 'legit',
};

/**
 * A detection's label: that of its latest labelling outcome by occurredAt, or
 * null. `outcomes` is oldest first, ties in the order they were recorded, so
 * the last labelling one wins (a legit_confirmed after a chargeback clears it).
 */
export function labelOf(outcomes: readonly TStoredOutcome[]): 'fraud' | 'legit' | null {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const label = LABEL_OF[outcomes[i].type];
    if (label) return label;
  }
  return null;
}

/** The latest authorized or declined outcome (the payment's authorization as it stands now), or null. */
export function latestAuthorization(outcomes: readonly TStoredOutcome[]): TStoredOutcome | null {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    if (outcomes[i].type === 'authorized' || outcomes[i].type === 'declined') return outcomes[i];
  }
  return null;
}
