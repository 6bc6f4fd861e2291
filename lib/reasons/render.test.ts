import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { TReason } from '@/lib/detections/schema';
import { formats, type TLocale } from '@/lib/format';
import { listReason } from '@/lib/lists/match';
import { evaluateRule, toReason } from '@/lib/rules/evaluate';
import type { TRuleSpec } from '@/lib/rules/schema';
import { baseInput, ruleByKey, values } from '@/lib/rules/test-fixtures';
import { decide, thresholdReason } from '@/lib/scoring/decide';
import { messagesFor } from '@/messages';
import { renderReason, type TReasonTranslator } from './render';

// A reason said again from its values: in English, word for word what
// scoring stored (so the two can never drift apart), in French the same
// facts in French formats.

const say = (reason: TReason, locale: TLocale) =>
  renderReason(reason, createTranslator({ locale, messages: messagesFor(locale), namespace: 'reasons' }) as unknown as TReasonTranslator, formats(locale, 'UTC'));

const rule = (spec: Partial<TRuleSpec>): TRuleSpec => ({ ...ruleByKey('ip_distinct_cards_10m'), id: 'r1', key: 'custom', ...spec });

/** Reasons as scoring makes them, of every kind and feature. */
function scored(): TReason[] {
  const card = { ...baseInput, card: { fingerprint: 'fp_9', bin: '411111', last4: '1111', country: 'US' }, ipCountry: 'FR' };
  const fired = [
    evaluateRule(ruleByKey('ip_distinct_cards_10m'), baseInput, values(['ip', 'distinct_cards', 600, 12])),
    evaluateRule(ruleByKey('ip_distinct_cards_10m'), baseInput, values(['ip', 'distinct_cards', 600, 1234], ['ip', 'attempts', 600, 5000])),
    evaluateRule(ruleByKey('ip_decline_ratio_30m'), baseInput, values(['ip', 'attempts', 1800, 8], ['ip', 'declines', 1800, 5])),
    evaluateRule(ruleByKey('micro_amount'), { ...baseInput, amount: 50 }, new Map()),
    evaluateRule(ruleByKey('high_amount'), { ...baseInput, amount: 600_000, currency: 'JPY' }, new Map()),
    evaluateRule(rule({ feature: 'card.declines', windowSeconds: 86_400, threshold: 2, action: 'BLOCK' }), card, values(['card', 'declines', 86_400, 3])),
    evaluateRule(rule({ feature: 'card.attempts', windowSeconds: 3600, threshold: 0, action: 'REVIEW' }), { ...card, card: { fingerprint: 'fp_x' } } as never, values(['card', 'attempts', 3600, 1])),
    evaluateRule(rule({ feature: 'email.amount_sum', windowSeconds: 7 * 86_400, threshold: 150_000, action: 'SCORE', scoreDelta: -20 }), baseInput, values(['email', 'amount_sum', 604_800, 250_000])),
    evaluateRule(rule({ feature: 'bin.attempts', windowSeconds: 90, threshold: 1, action: 'SCORE', scoreDelta: 15 }), card, values(['bin', 'attempts', 90, 2])),
    evaluateRule(
      rule({
        feature: null, windowSeconds: null, operator: null, threshold: null, action: 'BLOCK',
        condition: {
          all: [
            { feature: 'ip.attempts', windowSeconds: 1800, operator: '>=', threshold: 3 },
            { any: [{ feature: 'country_mismatch', operator: 'is', threshold: true }, { feature: 'currency', operator: 'not_in', threshold: ['EUR', 'GBP'] }, { feature: 'device.attempts', windowSeconds: 600, operator: '>', threshold: 1 }] },
            { any: [{ feature: 'ip_country', operator: 'in', threshold: ['FR'] }, { feature: 'ip.decline_ratio', windowSeconds: 600, operator: '>', threshold: 0.5 }] },
          ],
        },
      } as Partial<TRuleSpec>),
      card,
      values(['ip', 'attempts', 1800, 4], ['ip', 'attempts', 600, 2], ['ip', 'declines', 600, 1]),
    ),
  ];
  expect(fired.every(Boolean)).toBe(true);
  const hits = [
    listReason({ type: 'ip', value: '203.0.113.7', action: 'block', reason: 'reported by the bank' } as never, baseInput),
    listReason({ type: 'card_fingerprint', value: 'fp_1', action: 'block', reason: null } as never, baseInput),
    listReason({ type: 'email', value: 'jane@example.com', action: 'allow', reason: null } as never, baseInput),
  ];
  const thresholds = [
    thresholdReason(60, 'REVIEW', { review: 50, block: 80 }),
    thresholdReason(85, 'BLOCK', { review: 40, block: 60, temporary: true }),
    thresholdReason(10, 'ALLOW', { review: 50, block: 80 }),
  ];
  // Shadow and snooze summaries, and a snoozed rule, as the decision makes them.
  const shadowRule = { ...ruleByKey('ip_distinct_cards_1h'), mode: 'shadow' as const };
  const snoozed = ruleByKey('card_declines_24h');
  const decided = decide({
    input: baseInput,
    listHits: [],
    fired: [
      evaluateRule(shadowRule, baseInput, values(['ip', 'distinct_cards', 3600, 30]))!,
      evaluateRule(snoozed, baseInput, values(['card', 'declines', 86_400, 9]))!,
    ],
    thresholds: { review: 50, block: 80 },
    snoozes: [{ id: 's1', ruleId: snoozed.id, entityType: 'email', entityValue: 'jane@example.com', reason: 'known customer', expiresAt: '2026-12-02T14:00:00.000Z' }],
  });
  return [...fired.map((f) => toReason(f!)), ...hits, ...thresholds, ...decided.reasons, ...decided.shadow];
}

describe('renderReason', () => {
  it('in English, says what scoring stored, word for word, for every kind of reason', () => {
    const reasons = scored();
    expect(reasons.length).toBeGreaterThan(15);
    for (const r of reasons) {
      expect(r.text, r.message).toBeDefined();
      expect(say(r, 'en')).toBe(r.message);
    }
    expect(new Set(reasons.map((r) => r.text?.kind))).toEqual(new Set(['rule', 'list', 'threshold', 'shadow_summary', 'snooze_summary']));
  });

  it('in French, in French words and formats', () => {
    const [distinct, capped, ratio, micro, yen, , , sum, , compound] = scored();
    const nb = '\u202f';
    expect(say(distinct, 'fr')).toBe('12 cartes distinctes depuis l’IP 203.0.113.7 sur 10 min > 3 → +30 points');
    expect(say(capped, 'fr')).toMatch(/^200\+ cartes distinctes depuis l’IP/);
    expect(say(ratio, 'fr')).toBe('62,5\u00a0% des tentatives refusées (5 sur 8) depuis l’IP 203.0.113.7 sur 30 min > 50\u00a0% → +30 points');
    expect(say(micro, 'fr')).toMatch(/^Montant 0,50\u00a0€ < 1,00\u00a0€ → /);
    expect(say(yen, 'fr')).toMatch(new RegExp(`^Montant 600${nb}000\u00a0JPY|^Montant 600${nb}000\u00a0¥`));
    expect(say(sum, 'fr')).toBe(`2${nb}500,00\u00a0€ au total depuis l’e-mail jane@example.com sur 7 j > 1${nb}500,00\u00a0€ → -20 points`);
    expect(say(compound, 'fr')).toContain('Toutes ces conditions\u00a0: 4 tentatives depuis l’IP 203.0.113.7 sur 30 min ≥ 3 ✓; (L’une de ces conditions\u00a0: Pays de la carte US ≠ pays de l’IP FR ✓;');
    expect(say(compound, 'fr')).toContain('→ BLOQUER');
  });

  it('says old reasons again from what they hold: thresholds, lists and one-comparison rules; anything else as stored', () => {
    const old = (r: TReason): TReason => ({ ...r, text: undefined });
    expect(say(old(thresholdReason(60, 'REVIEW', { review: 50, block: 80 })), 'fr')).toBe('Score 60 ≥ seuil d’examen 50 → EXAMINER');
    expect(say(old(listReason({ type: 'ip', value: '203.0.113.7', action: 'block', reason: 'chargebacks' } as never, baseInput)), 'fr')).toBe(
      'L’IP 203.0.113.7 est sur la liste de blocage (chargebacks) → BLOQUER',
    );
    // Every rule reason of one comparison (counts, capped counts, ratios, amounts in euros and yen, totals), its values
    // dropped as old rows have them: read back from the message, it says in both languages what the reason with its values says.
    const all = scored();
    const single = all.filter((r) => r.text?.kind === 'rule' && !('group' in r.text.condition) && !r.text.condition.unknown && !r.text.snooze);
    expect(single.length).toBeGreaterThanOrEqual(9);
    for (const r of single) {
      expect(say(old(r), 'en'), r.message).toBe(r.message);
      expect(say(old(r), 'fr'), r.message).toBe(say(r, 'fr'));
      expect(say(old(r), 'fr'), r.message).not.toBe(r.message);
    }
    // A compound rule's, a snoozed rule's and an unknown shape's are shown as stored.
    const rest = all.filter((r) => r.text?.kind === 'rule' && !single.includes(r));
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const r of rest) expect(say(old(r), 'fr')).toBe(r.message);
    const odd = { ...old(single[0]), message: 'Something else entirely → BLOCK' };
    expect(say(odd, 'fr')).toBe('Something else entirely → BLOCK');
  });
});
