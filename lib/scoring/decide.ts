import type { TDecision, TReason, TRiskLevel, TTransactionInput } from '@/lib/detections/schema';
import { listReason, type TListHit } from '@/lib/lists/match';
import { toReason, type TFiredRule } from '@/lib/rules/evaluate';
import { formatSnoozeUntil, snoozeSuffix, type TSnoozeHit } from '@/lib/snoozes/match';
import { decisionFor, riskLevelFor, type TThresholds } from './thresholds';

export type TScoreResult = { score: number; riskLevel: TRiskLevel; decision: TDecision; reasons: TReason[]; shadow: TReason[] };

const ACTION_ORDER: Record<string, number> = { BLOCK: 0, ALLOW: 1, REVIEW: 2, SCORE: 3 };

/** Deciding reasons first: BLOCK, ALLOW, REVIEW, then SCORE by points. */
const byImpact = (a: TFiredRule, b: TFiredRule) =>
  ACTION_ORDER[a.rule.action] - ACTION_ORDER[b.rule.action] || b.rule.scoreDelta - a.rule.scoreDelta;

/** Which of the fired rules made the decision: the ALLOW rules, else the BLOCK rules, else the thresholds, else the REVIEW rules. */
export type TDecidedBy = { by: 'action'; action: 'ALLOW' | 'BLOCK' | 'REVIEW' } | { by: 'thresholds' };

/**
 * Rules → score and decision: the SCORE points add up (kept within 0–100) and
 * the thresholds turn them into a decision; a REVIEW action raises it to at
 * least REVIEW, a BLOCK action blocks, and an ALLOW action allows (the org
 * trusts that signal more than any other rule).
 */
export function combineRules(fired: readonly TFiredRule[], thresholds: TThresholds): { score: number; decision: TDecision; decidedBy: TDecidedBy } {
  const points = fired.reduce((sum, f) => sum + (f.rule.action === 'SCORE' ? f.rule.scoreDelta : 0), 0);
  const score = Math.max(0, Math.min(100, points));
  const actions = new Set(fired.map((f) => f.rule.action));
  if (actions.has('ALLOW')) return { score, decision: 'ALLOW', decidedBy: { by: 'action', action: 'ALLOW' } };
  if (actions.has('BLOCK')) return { score, decision: 'BLOCK', decidedBy: { by: 'action', action: 'BLOCK' } };
  const byScore = decisionFor(score, thresholds);
  if (actions.has('REVIEW') && byScore === 'ALLOW') return { score, decision: 'REVIEW', decidedBy: { by: 'action', action: 'REVIEW' } };
  return { score, decision: byScore, decidedBy: { by: 'thresholds' } };
}

/**
 * The reason that says how the score became the decision, with the thresholds
 * in force ("Score 60 ≥ block threshold 60 (war-room thresholds) → BLOCK"):
 * two payments with one score can be decided differently while a temporary
 * override lasts, and the detection says so.
 */
export function thresholdReason(score: number, decision: TDecision, thresholds: TThresholds): TReason {
  const which = thresholds.temporary ? ' (temporary thresholds in force)' : '';
  const comparison =
    decision === 'BLOCK' ? `≥ block threshold ${thresholds.block}` : decision === 'REVIEW' ? `≥ review threshold ${thresholds.review}` : `< review threshold ${thresholds.review}`;
  return {
    code: 'score_threshold',
    message: `Score ${score} ${comparison}${which} → ${decision}`,
    observed: score,
    threshold: decision === 'BLOCK' ? thresholds.block : thresholds.review,
    action: decision,
    mode: 'active',
    decisive: true,
    text: { kind: 'threshold', score, decision, review: thresholds.review, block: thresholds.block, temporary: !!thresholds.temporary },
  };
}

/** What the shadow rules would have decided, next to what was decided. */
function shadowSummary(all: readonly TFiredRule[], thresholds: TThresholds, actual: { score: number; decision: TDecision }): TReason {
  const would = combineRules(all, thresholds);
  const same = would.decision === actual.decision && would.score === actual.score;
  return {
    code: 'shadow_decision',
    message: same
      ? `With the shadow rules the decision would be the same: ${would.decision} (score ${would.score})`
      : `With the shadow rules the decision would be ${would.decision} (score ${would.score}) instead of ${actual.decision} (score ${actual.score})`,
    observed: would.score,
    action: would.decision,
    mode: 'shadow',
    text: { kind: 'shadow_summary', would: { decision: would.decision, score: would.score }, actual: { decision: actual.decision, score: actual.score } },
  };
}

/** What the rules would have decided without the snoozes, next to what was decided. */
function snoozeSummary(unsnoozed: readonly TFiredRule[], thresholds: TThresholds, actual: { score: number; decision: TDecision }): TReason {
  const would = combineRules(unsnoozed, thresholds);
  const same = would.decision === actual.decision && would.score === actual.score;
  return {
    code: 'snooze_decision',
    message: same
      ? `Without the snooze the decision would be the same: ${would.decision} (score ${would.score})`
      : `Without the snooze the decision would be ${would.decision} (score ${would.score}) instead of ${actual.decision} (score ${actual.score})`,
    observed: would.score,
    action: would.decision,
    mode: 'shadow',
    text: { kind: 'snooze_summary', would: { decision: would.decision, score: would.score }, actual: { decision: actual.decision, score: actual.score } },
  };
}

/** A fired rule reported in shadow, saying when it is snoozed for this attempt and why. */
function shadowReason(fired: TFiredRule, snoozes: ReadonlyMap<string, TSnoozeHit>): TReason {
  const reason = toReason(fired, 'shadow');
  const snooze = snoozes.get(fired.rule.id);
  if (!snooze) return reason;
  const text = reason.text?.kind === 'rule' ? { ...reason.text, snooze: { entityType: snooze.entityType, entityValue: snooze.entityValue, until: formatSnoozeUntil(snooze.expiresAt), reason: snooze.reason } } : reason.text;
  return { ...reason, message: reason.message + snoozeSuffix(snooze), ...(text ? { text } : {}) };
}

/**
 * The decision for one attempt. Lists come first: a block entry blocks with
 * score 100, else an allow entry allows; block beats allow. Rules are still
 * evaluated then, and reported in `shadow` without deciding. Otherwise the
 * active rules decide and the shadow rules are only reported. An active rule
 * snoozed for one of the attempt's keys (lib/snoozes) is reported in shadow
 * too, with the snooze, and a summary says what it would have changed.
 */
export function decide(options: {
  input: TTransactionInput;
  listHits: readonly TListHit[];
  fired: readonly TFiredRule[];
  thresholds: TThresholds;
  snoozes?: readonly TSnoozeHit[];
}): TScoreResult {
  const { input, listHits, thresholds } = options;
  const fired = [...options.fired].sort(byImpact);
  // The first snooze per rule: the context reads them latest expiry first.
  const snoozes = new Map<string, TSnoozeHit>();
  for (const s of options.snoozes ?? []) if (!snoozes.has(s.ruleId)) snoozes.set(s.ruleId, s);
  const blocks = listHits.filter((h) => h.action === 'block');
  const allows = listHits.filter((h) => h.action === 'allow');

  if (blocks.length > 0 || allows.length > 0) {
    const decision: TDecision = blocks.length > 0 ? 'BLOCK' : 'ALLOW';
    const score = decision === 'BLOCK' ? 100 : 0;
    const deciding = blocks.length > 0 ? blocks : allows;
    const overruled = blocks.length > 0 ? allows : [];
    const shadow = [...overruled.map((h) => listReason(h, input, 'shadow')), ...fired.map((f) => shadowReason(f, snoozes))];
    if (fired.length > 0) shadow.push(shadowSummary(fired, thresholds, { score, decision }));
    return { score, riskLevel: riskLevelFor(score, thresholds), decision, reasons: deciding.map((h) => ({ ...listReason(h, input), decisive: true })), shadow };
  }

  const active = fired.filter((f) => f.rule.mode === 'active' && !snoozes.has(f.rule.id));
  const snoozed = fired.filter((f) => f.rule.mode === 'active' && snoozes.has(f.rule.id));
  const shadowRules = fired.filter((f) => f.rule.mode === 'shadow');
  const { decidedBy, ...outcome } = combineRules(active, thresholds);
  const shadow = [...snoozed, ...shadowRules].map((f) => shadowReason(f, snoozes));
  if (snoozed.length > 0) shadow.push(snoozeSummary([...active, ...snoozed], thresholds, outcome));
  if (shadowRules.length > 0) shadow.push(shadowSummary([...active, ...shadowRules], thresholds, outcome));
  const reasons = active.map((f) => {
    const reason = toReason(f, 'active');
    return decidedBy.by === 'action' && f.rule.action === decidedBy.action ? { ...reason, decisive: true } : reason;
  });
  // Points that did not reach a threshold decided nothing worth a line; points that did, or were kept under one, say so.
  if (decidedBy.by === 'thresholds' && outcome.score > 0) reasons.push(thresholdReason(outcome.score, outcome.decision, thresholds));
  return { ...outcome, riskLevel: riskLevelFor(outcome.score, thresholds), reasons, shadow };
}
