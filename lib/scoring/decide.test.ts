import { describe, expect, it } from 'vitest';
import type { TListHit } from '@/lib/lists/match';
import { evaluateRules, type TFiredRule } from '@/lib/rules/evaluate';
import { baseInput, defaultRules, ruleByKey } from '@/lib/rules/test-fixtures';
import { combineRules, decide } from './decide';
import { DEFAULT_THRESHOLDS } from './thresholds';

const fire = (key: string, overrides = {}, observed = 99): TFiredRule => ({ rule: ruleByKey(key, overrides), observed, message: `${key} fired`, comparisons: [] });
const hit = (action: 'block' | 'allow', overrides: Partial<TListHit> = {}): TListHit => ({
  id: `l_${action}`, type: 'ip', value: '203.0.113.7', action, reason: null, expiresAt: null, ...overrides,
});
const run = (fired: TFiredRule[], listHits: TListHit[] = [], thresholds = DEFAULT_THRESHOLDS) => decide({ input: baseInput, listHits, fired, thresholds });

describe('decide', () => {
  it('allows an ordinary payment with score 0 and no reasons', () => {
    expect(run(evaluateRules(defaultRules(), baseInput, new Map()))).toEqual({ score: 0, riskLevel: 'low', decision: 'ALLOW', reasons: [], shadow: [] });
  });

  it('adds SCORE points, capped at 100, and decides by the thresholds', () => {
    expect(run([fire('micro_amount')])).toMatchObject({ score: 10, decision: 'ALLOW', riskLevel: 'low' });
    expect(run([fire('ip_distinct_cards_10m'), fire('ip_decline_ratio_30m')])).toMatchObject({ score: 60, decision: 'REVIEW', riskLevel: 'high' });
    const many = [fire('ip_distinct_cards_10m'), fire('ip_decline_ratio_30m'), fire('high_amount'), fire('bin_attempts_10m')];
    expect(run(many)).toMatchObject({ score: 100, decision: 'BLOCK', riskLevel: 'critical' });
    expect(run([fire('bin_attempts_10m')])).toMatchObject({ score: 25, riskLevel: 'medium' });
  });

  it('uses the thresholds given (an override in force)', () => {
    expect(run([fire('ip_distinct_cards_10m')], [], { review: 20, block: 30 })).toMatchObject({ score: 30, decision: 'BLOCK', riskLevel: 'critical' });
  });

  it('raises to REVIEW on a REVIEW action, blocks on a BLOCK action, allows on an ALLOW action', () => {
    expect(run([fire('ip_attempts_30m')])).toMatchObject({ decision: 'REVIEW', score: 0 });
    expect(run([fire('ip_attempts_30m'), fire('card_declines_24h')])).toMatchObject({ decision: 'BLOCK' });
    expect(run([fire('card_declines_24h'), fire('email_attempts_1h', { action: 'ALLOW' })])).toMatchObject({ decision: 'ALLOW' });
    // A REVIEW action never lowers a BLOCK by score.
    const high = [fire('ip_distinct_cards_10m'), fire('ip_decline_ratio_30m'), fire('high_amount'), fire('ip_attempts_30m')];
    expect(run(high).decision).toBe('BLOCK');
  });

  it('orders reasons by impact and reports them as active', () => {
    const r = run([fire('micro_amount'), fire('card_declines_24h'), fire('ip_distinct_cards_10m')]);
    expect(r.reasons.map((x) => x.code)).toEqual(['card_declines_24h', 'ip_distinct_cards_10m', 'micro_amount']);
    expect(r.reasons.every((x) => x.mode === 'active')).toBe(true);
  });

  it('never lets a shadow rule change the score or the decision, and says what it would have decided', () => {
    const shadowBlock = fire('ip_distinct_cards_1h', { mode: 'shadow' });
    const withShadow = run([fire('micro_amount'), shadowBlock]);
    expect(withShadow).toMatchObject({ score: 10, decision: 'ALLOW' });
    expect(withShadow.reasons.map((x) => x.code)).toEqual(['micro_amount', 'score_threshold']);
    expect(withShadow.shadow).toEqual([
      expect.objectContaining({ code: 'ip_distinct_cards_1h', action: 'BLOCK', mode: 'shadow' }),
      expect.objectContaining({ code: 'shadow_decision', action: 'BLOCK', observed: 10, message: 'With the shadow rules the decision would be BLOCK (score 10) instead of ALLOW (score 10)' }),
    ]);
    expect(run([fire('micro_amount')])).toMatchObject({ score: 10, decision: 'ALLOW', shadow: [] });
  });

  it('blocks with score 100 on a block list entry, before any rule', () => {
    const r = run([fire('email_attempts_1h', { action: 'ALLOW' })], [hit('block', { reason: 'chargebacks' })]);
    expect(r).toMatchObject({ score: 100, decision: 'BLOCK', riskLevel: 'critical' });
    expect(r.reasons).toEqual([{ code: 'list_block', message: 'IP 203.0.113.7 is on the block list (chargebacks) → BLOCK', action: 'BLOCK', mode: 'active', decisive: true }]);
    expect(r.shadow.map((x) => x.code)).toEqual(['email_attempts_1h', 'shadow_decision']);
  });

  it('allows on an allow entry: rules are evaluated but reported as shadow', () => {
    const r = run([fire('card_declines_24h'), fire('micro_amount')], [hit('allow', { type: 'email', value: 'jane@example.com' })]);
    expect(r).toMatchObject({ score: 0, decision: 'ALLOW', riskLevel: 'low' });
    expect(r.reasons).toEqual([{ code: 'list_allow', message: 'Email jane@example.com is on the allow list → ALLOW', action: 'ALLOW', mode: 'active', decisive: true }]);
    expect(r.shadow.map((x) => [x.code, x.mode])).toEqual([['card_declines_24h', 'shadow'], ['micro_amount', 'shadow'], ['shadow_decision', 'shadow']]);
    expect(r.shadow.at(-1)?.action).toBe('BLOCK');
  });

  it('lets block beat allow when both match', () => {
    const r = run([], [hit('allow'), hit('block', { type: 'card_bin', value: '424242' })]);
    expect(r.decision).toBe('BLOCK');
    expect(r.reasons.map((x) => x.message)).toEqual(['BIN 424242 is on the block list → BLOCK']);
    expect(r.shadow.map((x) => x.code)).toEqual(['list_allow']);
  });
});

describe('combineRules', () => {
  it('keeps the score within 0 and 100 with negative points', () => {
    expect(combineRules([fire('micro_amount', { scoreDelta: -40 })], DEFAULT_THRESHOLDS)).toEqual({ score: 0, decision: 'ALLOW', decidedBy: { by: 'thresholds' } });
  });

  it('says which reason decided: the rule that forced it, or the score against the thresholds in force', () => {
    const blocked = run([fire('micro_amount'), fire('card_declines_24h')]);
    expect(blocked.reasons.map((r) => [r.code, r.decisive ?? false])).toEqual([['card_declines_24h', true], ['micro_amount', false]]);
    expect(blocked.reasons[0].message).toMatch(/→ BLOCK$/);
    expect(blocked.reasons[1].message).toMatch(/→ \+10 points$/);
    // One score, three decisions: the thresholds say why.
    const points = [fire('ip_distinct_cards_10m'), fire('ip_decline_ratio_30m')];
    expect(run(points).reasons.at(-1)).toMatchObject({ code: 'score_threshold', decisive: true, message: 'Score 60 ≥ review threshold 50 → REVIEW' });
    expect(run(points, [], { review: 30, block: 60, temporary: true }).reasons.at(-1)?.message).toBe('Score 60 ≥ block threshold 60 (temporary thresholds in force) → BLOCK');
    expect(run(points, [], { review: 70, block: 90 }).reasons.at(-1)?.message).toBe('Score 60 < review threshold 70 → ALLOW');
    expect(run([]).reasons).toEqual([]);
  });
});
