import { AppError } from '@/lib/errors';
import { MAX_WINDOW_SECONDS, MIN_WINDOW_SECONDS, parseFeature } from './features';
import type { TRuleSpec } from './schema';

const invalid = (field: string, message: string) => new AppError('validation_error', `${field}: ${message}`, { field });

/**
 * Checks a whole rule after a create or an edit: the fields are valid one by
 * one (zod), but some only make sense together (a window for a velocity
 * feature, a ratio between 0 and 1, points for a SCORE action).
 */
export function throwIfInvalidRule(rule: Pick<TRuleSpec, 'feature' | 'windowSeconds' | 'threshold' | 'action' | 'scoreDelta'>): void {
  const feature = parseFeature(rule.feature);
  if (!feature) throw invalid('feature', `Unknown feature "${rule.feature}"`);
  if (feature.kind === 'amount') {
    if (rule.windowSeconds !== 0) throw invalid('windowSeconds', 'The amount feature compares the attempt itself and has no window: leave windowSeconds out or send 0');
  } else if (rule.windowSeconds < MIN_WINDOW_SECONDS || rule.windowSeconds > MAX_WINDOW_SECONDS) {
    throw invalid('windowSeconds', `A velocity rule needs a window from ${MIN_WINDOW_SECONDS} seconds to ${MAX_WINDOW_SECONDS} seconds (7 days), for example 600 for 10 minutes`);
  }
  if (feature.kind === 'velocity' && feature.metric === 'decline_ratio' && rule.threshold > 1) {
    throw invalid('threshold', 'A decline ratio is between 0 and 1: 0.5 means half of the attempts were declined');
  }
  if (rule.action === 'SCORE' && rule.scoreDelta === 0) {
    throw invalid('scoreDelta', 'A SCORE rule needs points to add: a whole number from -100 to 100 other than 0');
  }
}
