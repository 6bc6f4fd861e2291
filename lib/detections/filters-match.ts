import type { TDetectionFilters } from './filters';
import type { TDetection } from './schema';

// Whether a detection belongs to a filtered list: the same question as the
// SQL of ./find.ts (filterConditions and the reason-code join), asked of a
// row the live stream delivers, so the dashboard adds a streamed row to a
// filtered list only when the API would have listed it. Filters come parsed
// (ZDetectionFiltersSchema): the IP normalised, the email lower-case, the
// instants ISO 8601 in UTC, the numbers numbers.

/** The IP as ingest stores it is compared as given; IPv6 spellings differ in case only once normalised. */
const sameIp = (stored: string | null, wanted: string) => stored !== null && stored.toLowerCase() === wanted.toLowerCase();

function reviewStatusMatches(d: TDetection, wanted: NonNullable<TDetectionFilters['reviewStatus']>): boolean {
  // In SQL "pending" is decision REVIEW with no review_status; a claim is still pending.
  if (wanted === 'pending') return d.decision === 'REVIEW' && (d.review === null || d.review.status === 'pending');
  return d.review?.status === wanted;
}

const inRange = (value: number, min: number | undefined, max: number | undefined) => (min === undefined || value >= min) && (max === undefined || value <= max);

export function detectionMatchesFilters(d: TDetection, f: TDetectionFilters): boolean {
  if (f.decision !== undefined && d.decision !== f.decision) return false;
  if (f.ip !== undefined && !sameIp(d.ip, f.ip)) return false;
  if (f.email !== undefined && d.email?.toLowerCase() !== f.email.toLowerCase()) return false;
  if (f.cardFingerprint !== undefined && d.card?.fingerprint !== f.cardFingerprint) return false;
  if (f.bin !== undefined && d.card?.bin !== f.bin) return false;
  if (f.customerId !== undefined && d.customerId !== f.customerId) return false;
  if (f.deviceId !== undefined && d.deviceId !== f.deviceId) return false;
  if (f.externalId !== undefined && d.externalId !== f.externalId) return false;
  // detection_reason_codes holds every reason's code but score_threshold (which the filter refuses); shadow verdicts are not reasons.
  if (f.rule !== undefined && !d.reasons.some((r) => r.code === f.rule)) return false;
  if (f.reviewStatus !== undefined && !reviewStatusMatches(d, f.reviewStatus)) return false;
  if (!inRange(d.score, f.minScore, f.maxScore)) return false;
  if (!inRange(d.amount, f.minAmount, f.maxAmount)) return false;
  // from inclusive, to exclusive; compared as instants, never as strings of different precision.
  const at = Date.parse(d.createdAt);
  if (f.from !== undefined && at < Date.parse(f.from)) return false;
  if (f.to !== undefined && at >= Date.parse(f.to)) return false;
  return true;
}
