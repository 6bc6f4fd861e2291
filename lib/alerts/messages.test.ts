import { describe, expect, it } from 'vitest';
import { maskTarget } from './channels';
import { attackEndedMessage, attackStartedMessage, formatDuration, slackEscape } from './messages';
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
    const m = attackStartedMessage({ orgName: 'Shop <!channel> & co', attack, link: 'https://orylo.example/attacks/x' });
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
    const m = attackEndedMessage({ orgName: 'Shop', attack, link: 'https://orylo.example/attacks/x' });
    expect(m.subject).toBe('Card-testing attack on Shop ended 14:15 UTC after 13 min');
    for (const part of ['Attempts: 1,204', 'Blocked: 1,156 (96 %)', 'Distinct cards: 300', 'Top IP: 203.0.113.66 (1,000)']) expect(m.text).toContain(part);
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
