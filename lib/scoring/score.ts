import type { Executor } from '@/db/client';
import type { TTransactionInput } from '@/lib/detections/schema';
import { evaluateRules } from '@/lib/rules/evaluate';
import { computeFeatures } from '@/lib/rules/velocity';
import type { TScoringContext } from './context';
import { decide, type TScoreResult } from './decide';

/**
 * Scores one attempt with the org's stored rules: one velocity query for the
 * features the enabled rules need (none when no rule applies), then the pure
 * evaluation. Lists are checked even when a rule cannot be.
 */
export async function scoreTransaction(options: { db: Executor; orgId: string; input: TTransactionInput; context: TScoringContext }): Promise<TScoreResult> {
  const { db, orgId, input, context } = options;
  const values = await computeFeatures({ db, orgId, input, rules: context.rules });
  const fired = evaluateRules(context.rules, input, values);
  return decide({ input, listHits: context.listHits, fired, thresholds: context.thresholds, snoozes: context.snoozes });
}
