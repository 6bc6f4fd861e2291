import { describe, expect, it } from 'vitest';
import type { TListHit } from '@/lib/lists/match';
import { evaluateRules, type TFiredRule } from '@/lib/rules/evaluate';
import { baseInput, defaultRules, ruleByKey } from '@/lib/rules/test-fixtures';
import { combineRules, decide } from './decide';
import type { TSnoozeHit } from '@/lib/snoozes/match';
import { DEFAULT_THRESHOLDS } from './thresholds';

const fire = (key: string, overrides = {}, observed = 99): TFiredRule => ({ rule: ruleByKey(key, overrides), observed, message: `${key} fired`, comparisons: [], condition: { feature: 'amount', operator: '>', threshold: 0, held: true, observed: observed } });
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
    expect(r.reasons).toEqual([{ code: 'list_block', message: 'IP 203.0.113.7 is on the block list (chargebacks) → BLOCK', action: 'BLOCK', mode: 'active', decisive: true, text: { kind: 'list', action: 'block', type: 'ip', value: '203.0.113.7', note: 'chargebacks' } }]);
    expect(r.shadow.map((x) => x.code)).toEqual(['email_attempts_1h', 'shadow_decision']);
  });

  it('allows on an allow entry: rules are evaluated but reported as shadow', () => {
    const r = run([fire('card_declines_24h'), fire('micro_amount')], [hit('allow', { type: 'email', value: 'jane@example.com' })]);
    expect(r).toMatchObject({ score: 0, decision: 'ALLOW', riskLevel: 'low' });
    expect(r.reasons).toEqual([{ code: 'list_allow', message: 'Email jane@example.com is on the allow list → ALLOW', action: 'ALLOW', mode: 'active', decisive: true, text: { kind: 'list', action: 'allow', type: 'email', value: 'jane@example.com' } }]);
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

describe('decide with snoozes', () => {
  const snooze = (ruleKey: string, overrides: Partial<TSnoozeHit> = {}): TSnoozeHit => ({
    id: `s_${ruleKey}`, ruleId: `id_${ruleKey}`, entityType: 'email', entityValue: 'jane@example.com', reason: 'known customer', expiresAt: '2026-12-02T14:00:00.000Z', ...overrides,
  });
  const withSnoozes = (fired: TFiredRule[], snoozes: TSnoozeHit[], listHits: TListHit[] = []) => decide({ input: baseInput, listHits, fired, thresholds: DEFAULT_THRESHOLDS, snoozes });

  it('a snoozed rule decides nothing: reported in shadow with the snooze, and what it would have decided', () => {
    const r = withSnoozes([fire('card_declines_24h'), fire('micro_amount')], [snooze('card_declines_24h')]);
    expect(r).toMatchObject({ decision: 'ALLOW', score: 10 });
    expect(r.reasons.map((x) => x.code)).toEqual(['micro_amount', 'score_threshold']);
    expect(r.shadow).toEqual([
      expect.objectContaining({
        code: 'card_declines_24h', mode: 'shadow', action: 'BLOCK', ruleId: 'id_card_declines_24h',
        message: 'card_declines_24h fired → BLOCK (snoozed for email jane@example.com until 2026-12-02 14:00 UTC: known customer)',
      }),
      expect.objectContaining({ code: 'snooze_decision', mode: 'shadow', action: 'BLOCK', message: 'Without the snooze the decision would be BLOCK (score 10) instead of ALLOW (score 10)' }),
    ]);
  });

  it('a snooze of another rule changes nothing', () => {
    const plain = run([fire('card_declines_24h')]);
    expect(withSnoozes([fire('card_declines_24h')], [snooze('email_attempts_1h')])).toEqual(plain);
    expect(withSnoozes([fire('card_declines_24h')], [])).toEqual(plain);
  });

  it('keeps the shadow rules summary apart from the snooze: each says what it alone would change', () => {
    const r = withSnoozes([fire('ip_attempts_30m'), fire('ip_distinct_cards_1h', { mode: 'shadow' })], [snooze('ip_attempts_30m', { entityType: 'card_fingerprint', entityValue: 'fp_1' })]);
    expect(r).toMatchObject({ decision: 'ALLOW', score: 0, reasons: [] });
    expect(r.shadow.map((x) => x.code)).toEqual(['ip_attempts_30m', 'ip_distinct_cards_1h', 'snooze_decision', 'shadow_decision']);
    expect(r.shadow[0].message).toContain('(snoozed for card fingerprint fp_1 until');
    expect(r.shadow[2].message).toBe('Without the snooze the decision would be REVIEW (score 0) instead of ALLOW (score 0)');
    expect(r.shadow[3].message).toBe('With the shadow rules the decision would be BLOCK (score 0) instead of ALLOW (score 0)');
  });

  it('lists still come first: a snoozed rule is only annotated in their shadow', () => {
    const r = withSnoozes([fire('card_declines_24h')], [snooze('card_declines_24h')], [hit('allow')]);
    expect(r).toMatchObject({ decision: 'ALLOW', score: 0 });
    expect(r.reasons.map((x) => x.code)).toEqual(['list_allow']);
    expect(r.shadow[0].message).toMatch(/→ BLOCK \(snoozed for email jane@example.com until 2026-12-02 14:00 UTC: known customer\)$/);
  });
});
