import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { TAuditEntryView } from '@/lib/audit/find';
import { formats, type TLocale } from '@/lib/format';
import { ruleNameWith } from '@/hooks/use-rule-name';
import { catalogs } from '@/messages';
import { auditChanges } from './changes';
import { auditSentence, duration, type TSay } from './sentence';

// The audit page's sentences and changes, formatted with the real catalogs in
// both languages; data parts shown as [..] so the tests see what is data.

const NB = '\u00a0';

function reader(locale: TLocale) {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: 'audit' });
  const say: TSay = (key, values) => t(key as never, values as never);
  const ruleName = ruleNameWith(createTranslator({ locale, messages: catalogs[locale], namespace: 'rules.defaults' }));
  const sentence = (e: TAuditEntryView) => {
    const s = auditSentence(e, say, ruleName);
    return t.markup(s.key as never, { ...s.values, d: (chunks: string) => `[${chunks}]` } as never);
  };
  return { say, sentence, f: formats(locale, 'UTC') };
}

const AT = '2026-11-30T14:00:00.000Z';
const entry = (action: string, before: unknown, after: unknown, actorEmail: string | null = 'ops@shop.example'): TAuditEntryView => ({
  id: '00000000-0000-4000-8000-000000000001',
  actorEmail,
  action,
  targetType: 'x',
  targetId: null,
  ip: '198.51.100.4',
  before,
  after,
  createdAt: AT,
});

const en = reader('en');
const fr = reader('fr');

describe('auditSentence', () => {
  it('an IP blocked for an hour, with the reason left as typed', () => {
    const e = entry('list.create', null, { type: 'ip', value: '192.0.2.183', action: 'block', reason: 'war room', expiresAt: '2026-11-30T15:00:00.000Z' });
    expect(en.sentence(e)).toBe('[ops@shop.example] blocked IP [192.0.2.183] for 1 h ([war room])');
    expect(fr.sentence(e)).toBe(`[ops@shop.example] a bloqué l’adresse IP [192.0.2.183] pendant 1${NB}h ([war room])`);
  });

  it('an allowed e-mail for good, and its removal from the allow list', () => {
    const added = entry('list.create', null, { type: 'email', value: 'vip@client.example', action: 'allow', expiresAt: null });
    expect(en.sentence(added)).toBe('[ops@shop.example] allowed email [vip@client.example] for good');
    expect(fr.sentence(added)).toBe('[ops@shop.example] a autorisé l’e-mail [vip@client.example] sans limite de durée');
    const removed = entry('list.delete', { type: 'email', value: 'vip@client.example', action: 'allow' }, null);
    expect(fr.sentence(removed)).toBe('[ops@shop.example] a retiré l’e-mail [vip@client.example] de la liste d’autorisation');
  });

  it('an invitation names the role in each language', () => {
    const e = entry('team.invite', null, { email: 'x@y.example', role: 'analyst' });
    expect(en.sentence(e)).toBe('[ops@shop.example] invited [x@y.example] as analyst');
    expect(fr.sentence(e)).toBe('[ops@shop.example] a invité [x@y.example] en tant qu’analyste');
  });

  it('a rule change names the rule; switching it off is its own sentence', () => {
    const rule = { name: 'Card testing', enabled: true, threshold: 5, windowSeconds: 600, feature: 'ip.attempts', version: 1 };
    const changed = entry('rule.update', rule, { ...rule, threshold: 3, version: 2 });
    expect(en.sentence(changed)).toBe('[ops@shop.example] changed rule “[Card testing]”');
    expect(fr.sentence(changed)).toBe(`[ops@shop.example] a modifié la règle «${NB}[Card testing]${NB}»`);
    const off = entry('rule.update', rule, { ...rule, enabled: false, version: 2 });
    expect(en.sentence(off)).toBe('[ops@shop.example] turned off rule “[Card testing]”');
    expect(fr.sentence(off)).toBe(`[ops@shop.example] a désactivé la règle «${NB}[Card testing]${NB}»`);
  });

  it('thresholds and temporary thresholds', () => {
    const view = { review: 60, block: 80, override: null, reviewTargetMinutes: 15 };
    expect(en.sentence(entry('thresholds.update', view, { ...view, review: 50 }))).toBe('[ops@shop.example] changed the score thresholds: review from 50, block from 80');
    const override = entry('thresholds.override', view, { ...view, override: { review: 30, block: 50, until: '2026-11-30T15:00:00.000Z' } });
    expect(fr.sentence(override)).toBe(`[ops@shop.example] a fixé des seuils temporaires pendant 1${NB}h${NB}: examen dès 30, blocage dès 50`);
  });

  it('a review, an outcome and a snooze', () => {
    const review = entry('detection.review', { decision: 'REVIEW', review: null }, { decision: 'BLOCK', review: { status: 'blocked', verdict: 'fraud' } });
    expect(en.sentence(review)).toBe('[ops@shop.example] blocked a payment under review (verdict: fraud)');
    expect(fr.sentence(review)).toBe(`[ops@shop.example] a bloqué un paiement à examiner (verdict${NB}: fraude)`);
    expect(fr.sentence(entry('detection.outcome', { label: null }, { outcome: { type: 'chargeback' } }))).toBe('[ops@shop.example] a enregistré une rétrofacturation sur un paiement');
    const snooze = { ruleName: 'High amount', entityType: 'customer_id', entityValue: 'cus_42', createdAt: AT, expiresAt: '2026-12-07T14:00:00.000Z' };
    expect(en.sentence(entry('rule_snooze.create', null, snooze))).toBe('[ops@shop.example] snoozed rule “[High amount]” for customer [cus_42] for 7 days');
    expect(fr.sentence(entry('rule_snooze.create', null, snooze))).toBe(`[ops@shop.example] a mis en pause la règle «${NB}[High amount]${NB}» pour le client [cus_42] pendant 7 jours`);
    // A built-in rule under its seeded name reads in the reader's language; a merchant's own name never changes.
    const builtIn = { ...snooze, ruleKey: 'high_amount' };
    expect(fr.sentence(entry('rule_snooze.end', null, builtIn))).toBe('[ops@shop.example] a levé la pause de la règle «\u00a0[Montant élevé]\u00a0» pour le client [cus_42]');
    expect(en.sentence(entry('rule_snooze.end', null, builtIn))).toContain('[High amount]');
    expect(fr.sentence(entry('rule.create', null, { key: 'high_amount', name: 'Gros paniers' }))).toContain('[Gros paniers]');
    expect(fr.sentence(entry('rule.update', { key: 'ip_attempts_30m', name: 'Many attempts from one IP', enabled: true }, { key: 'ip_attempts_30m', name: 'Many attempts from one IP', enabled: false }))).toContain('[Nombreuses tentatives depuis une adresse IP]');
  });

  it('an action it does not know is named, not guessed; no actor reads as Orylo', () => {
    expect(en.sentence(entry('billing.upgrade', null, null))).toBe('[ops@shop.example] performed the action [billing.upgrade]');
    expect(fr.sentence(entry('billing.upgrade', null, null, null))).toBe('[Orylo] a effectué l’action [billing.upgrade]');
  });
});

describe('duration', () => {
  it('reads as a person says it', () => {
    expect(duration(45_000, en.say)).toBe('45 s');
    expect(duration(10 * 60_000, en.say)).toBe('10 min');
    expect(duration(90 * 60_000, fr.say)).toBe(`1${NB}h${NB}30${NB}min`);
    expect(duration(86_400_000, en.say)).toBe('1 day');
    expect(duration(30 * 86_400_000, fr.say)).toBe('30 jours');
  });
});

describe('auditChanges', () => {
  const rule = { name: 'Card testing', enabled: true, mode: 'active', action: 'REVIEW', scoreDelta: 0, feature: 'ip.attempts', operator: '>', threshold: 5, windowSeconds: 600, condition: null, version: 1, updatedAt: AT };

  it('lists each changed field of a rule, windows as durations and decisions as words; bookkeeping left out', () => {
    const e = entry('rule.update', rule, { ...rule, threshold: 3, windowSeconds: 3600, action: 'BLOCK', version: 2, updatedAt: '2026-11-30T14:01:00.000Z' });
    expect(auditChanges(e, fr.say, fr.f)).toEqual([
      { field: 'Action', before: { text: 'Examiner', as: 'text' }, after: { text: 'Bloquer', as: 'text' } },
      { field: 'Seuil', before: { text: '5', as: 'text' }, after: { text: '3', as: 'text' } },
      { field: 'Fenêtre', before: { text: `10${NB}min`, as: 'text' }, after: { text: `1${NB}h`, as: 'text' } },
    ]);
  });

  it('an amount threshold as money, as the rules page shows it; a rename is data', () => {
    const amount = { ...rule, feature: 'amount', windowSeconds: 0, threshold: 500_000 };
    const e = entry('rule.update', amount, { ...amount, name: 'Very high amount', threshold: 1_000_000 });
    expect(auditChanges(e, fr.say, fr.f)).toEqual([
      { field: 'Nom', before: { text: 'Card testing', as: 'data' }, after: { text: 'Very high amount', as: 'data' } },
      { field: 'Seuil', before: { text: `5${'\u202f'}000,00${NB}€`, as: 'text' }, after: { text: `10${'\u202f'}000,00${NB}€`, as: 'text' } },
    ]);
  });

  it('thresholds: the scores that moved, and a temporary override appearing', () => {
    const view = { review: 60, block: 80, override: null, reviewTargetMinutes: 15 };
    const e = entry('thresholds.override', view, { ...view, override: { review: 30, block: 50, until: '2026-11-30T15:00:00.000Z' } });
    expect(auditChanges(e, en.say, en.f)).toEqual([
      { field: 'Temporary review', before: null, after: { text: 'from 30', as: 'text' } },
      { field: 'Temporary block', before: null, after: { text: 'from 50', as: 'text' } },
      { field: 'Temporary until', before: null, after: { text: 'Nov 30, 2026, 3:00:00 PM', as: 'text' } },
    ]);
    expect(auditChanges(entry('list.create', null, {}), en.say, en.f)).toBeNull();
  });

  it('an alert channel switched to French with one more event: the sentence names it, the changes say the language in words', () => {
    const channel = { type: 'email', target: 'ops@shop.example', events: ['attack.started'], locale: 'en' };
    const e = entry('alert_channel.update', channel, { ...channel, events: ['attack.started', 'review.backlog'], locale: 'fr' });
    expect(en.sentence(e)).toBe('[ops@shop.example] changed the email alert channel [ops@shop.example]');
    expect(fr.sentence(e)).toBe('[ops@shop.example] a modifié le canal d’alerte e-mail [ops@shop.example]');
    expect(auditChanges(e, fr.say, fr.f)).toEqual([
      { field: 'Événements', before: { text: 'attack.started', as: 'code' }, after: { text: 'attack.started, review.backlog', as: 'code' } },
      { field: 'Langue', before: { text: 'Anglais', as: 'text' }, after: { text: 'Français', as: 'text' } },
    ]);
  });
});
