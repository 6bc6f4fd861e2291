import { describe, expect, it } from 'vitest';
import { maskTarget } from './channels';
import { attackEndedMessage, attackStartedMessage, formatDuration, reviewBacklogMessage, slackEscape, testMessage } from './messages';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
import { parseCreateAlertChannel, parseEmailTarget } from './schema';

const attack = {
  id: '5b0c3f4e-0000-4000-8000-000000000001',
  startedAt: '2026-12-01T14:03:10.000Z',
  endedAt: '2026-12-01T14:15:40.000Z',
  attempts: 1204,
  declined: 900,
  blocked: 1156,
  distinctCards: 300,
  attemptsPerMinute: 96.4,
  topIps: [{ value: '203.0.113.66', attempts: 1000, blocked: 990, review: 0, allowed: 10 }],
  topBins: [{ value: '411111', attempts: 800, blocked: 700, review: 0, allowed: 100 }],
};

describe('alert messages', () => {
  it('a start names the org, the time in UTC, the top IPs and BINs with counts, and links the war room', () => {
    const m = attackStartedMessage({ orgName: 'Shop <!channel> & co', attack, link: 'https://orylo.example/attacks/x', locale: 'en' });
    expect(m.subject).toBe('Card-testing attack on Shop <!channel> & co started 14:03 UTC');
    expect(m.text).toContain('203.0.113.66 (1,000)');
    expect(m.text).toContain('411111 (800)');
    expect(m.text).toContain('https://orylo.example/attacks/x');
    const json = JSON.stringify(m.slack);
    // Escaped for Slack: no mention of the whole workspace through a name.
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('Shop &lt;!channel&gt; &amp; co');
    expect(m.slack.blocks).toContainEqual(expect.objectContaining({ type: 'actions' }));
    expect(json).toContain('"url":"https://orylo.example/attacks/x"');
  });

  it('an end carries the summary: duration, attempts, blocked, cards, top IP', () => {
    const m = attackEndedMessage({ orgName: 'Shop', attack, link: 'https://orylo.example/attacks/x', locale: 'en' });
    expect(m.subject).toBe('Card-testing attack on Shop ended 14:15 UTC after 13 min');
    for (const part of ['Attempts: 1,204', 'Blocked: 1,156 (96%)', 'Distinct cards: 300', 'Top IP: 203.0.113.66 (1,000)']) expect(m.text).toContain(part);
  });

  it('in French for a French channel: the words, the numbers grouped the French way, a no-break space before the colon and %', () => {
    const started = attackStartedMessage({ orgName: 'Boutique', attack, link: 'https://orylo.example/attacks/x', locale: 'fr' });
    expect(started.subject).toBe('Attaque par test de cartes sur Boutique commencée à 14:03 UTC');
    expect(started.text).toContain(`1${NNBSP}204 tentatives jusqu’ici (96/min), 300 cartes distinctes, 900 refusées, 1${NNBSP}156 bloquées par Orylo.`);
    expect(started.text).toContain(`Principales IP${NBSP}:\n  203.0.113.66 (1${NNBSP}000)`);
    expect(started.text).toContain(`Salle de crise${NBSP}: https://orylo.example/attacks/x`);
    expect(JSON.stringify(started.slack)).toContain('Ouvrir la salle de crise');
    const ended = attackEndedMessage({ orgName: 'Boutique', attack, link: 'https://orylo.example/attacks/x', locale: 'fr' });
    expect(ended.subject).toBe('Attaque par test de cartes sur Boutique terminée à 14:15 UTC après 13 min');
    for (const part of [`Tentatives${NBSP}: 1${NNBSP}204`, `Bloquées${NBSP}: 1${NNBSP}156 (96${NBSP}%)`, `Cartes distinctes${NBSP}: 300`]) expect(ended.text).toContain(part);
    const backlog = reviewBacklogMessage({ orgName: 'Boutique', oldestAt: new Date(Date.now() - 45 * 60_000).toISOString(), pending: 1, pendingCapped: false, settingMinutes: 30, link: 'https://orylo.example/review', locale: 'fr' });
    expect(backlog.subject).toBe(`Retard de revue sur Boutique${NBSP}: la plus ancienne revue attend depuis 45 min`);
    expect(backlog.text).toContain('1 paiement attend une revue');
    expect(testMessage({ orgName: 'Boutique', link: 'https://orylo.example', at: attack.startedAt, locale: 'fr' }).text).toContain('Ce canal fonctionne');
    // English says the same in its own words: one payment, many payments.
    expect(reviewBacklogMessage({ orgName: 'Shop', oldestAt: attack.startedAt, pending: 3, pendingCapped: true, settingMinutes: 30, link: 'x', locale: 'en' }).text).toContain('3+ payments wait for review');
  });

  it('durations and escapes', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(slackEscape('<a&b>')).toBe('&lt;a&amp;b&gt;');
  });
});

describe('alert channel input', () => {
  it('refuses unknown events, empty events, unknown fields and card numbers', () => {
    expect(() => parseCreateAlertChannel({ type: 'email', target: 'a@b.co', events: ['attack.begun'] })).toThrow(/events\.0/);
    expect(() => parseCreateAlertChannel({ type: 'email', target: 'a@b.co', events: [] })).toThrow(/at least one event/);
    expect(() => parseCreateAlertChannel({ type: 'email', target: 'a@b.co', events: ['attack.started', 'attack.started'] })).toThrow(/at most once/);
    expect(() => parseCreateAlertChannel({ type: 'sms', target: 'a@b.co', events: ['attack.started'] })).toThrow(/slack/);
    expect(() => parseCreateAlertChannel({ type: 'email', target: 'a@b.co', events: ['attack.started'], extra: 1 })).toThrow();
    expect(() => parseCreateAlertChannel({ type: 'email', target: '4111 1111 1111 1111', events: ['attack.started'] })).toThrow(/card number/);
  });

  it('takes one e-mail address, lower-cased; never a list', () => {
    expect(parseEmailTarget('Fraud@Shop.Example')).toBe('fraud@shop.example');
    expect(() => parseEmailTarget('a@x.co, b@y.co')).toThrow(/target/);
    expect(() => parseEmailTarget('Team <a@x.co>')).toThrow(/target/);
  });

  it('masks a Slack URL’s token, leaves an address alone', () => {
    expect(maskTarget('slack', 'https://hooks.slack.com/services/T000/B000/abcdefgh1234')).toBe('https://hooks.slack.com/services/T000/B000/…1234');
    expect(maskTarget('email', 'a@b.co')).toBe('a@b.co');
  });
});
