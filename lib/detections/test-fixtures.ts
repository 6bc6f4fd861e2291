import type { TDetection } from './schema';

/** A complete detection for unit tests: an ordinary allowed payment unless `patch` says otherwise. */
export function makeDetection(patch: Partial<TDetection> & { id: string }): TDetection {
  return {
    externalId: `order_${patch.id}`,
    amount: 1000,
    currency: 'EUR',
    score: 10,
    riskLevel: 'low',
    decision: 'ALLOW',
    reasons: [],
    shadow: [],
    review: null,
    email: null,
    ip: null,
    ipCountry: null,
    customerId: null,
    deviceId: null,
    card: null,
    authStatus: null,
    declineCode: null,
    outcomes: [],
    label: null,
    createdAt: new Date().toISOString(),
    ...patch,
  };
}
