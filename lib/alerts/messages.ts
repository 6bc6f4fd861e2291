import { createTranslator } from 'next-intl';
import type { TAttack, TTopEntry } from '@/lib/attacks';
import { formats, type TLocale } from '@/lib/format';
import { messagesFor } from '@/messages';
import type { TAlertKind } from './schema';

// What an alert says, for Slack (incoming-webhook JSON: `text`, the
// notification's fallback, plus `blocks`) and for e-mail (a subject and plain
// text), in the channel's language (messages/<locale>/alertMessage.json).
// Pure: the sender adds nothing but the transport. Times are in UTC and say
// so: a channel has no reader's time zone.

export type TMessage = {
  kind: TAlertKind;
  /** The e-mail subject, and the first line of Slack's fallback text. */
  subject: string;
  /** Plain text: the e-mail body. */
  text: string;
  /** Slack's incoming-webhook payload. */
  slack: { text: string; blocks: unknown[] };
};

type TIncident = Pick<TAttack, 'id' | 'startedAt' | 'endedAt' | 'attempts' | 'declined' | 'blocked' | 'distinctCards' | 'attemptsPerMinute' | 'topIps' | 'topBins'>;

/** "14:03 UTC" */
export const utcTime = (iso: string) => `${new Date(iso).toISOString().slice(11, 16)} UTC`;

/** "12 min", "1 h 05 min", "45 s" */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

// SECURITY: Slack reads <…> as links and mentions (<!channel>) and & as an
// entity; an organization's name or any stored value is escaped before it
// goes into mrkdwn, so nobody can ping a whole workspace through a name.
export const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Header-safe: no line breaks in a subject. */
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

/** The catalog, the formats and the shared pieces of one language's messages. */
function writer(locale: TLocale) {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'alertMessage' });
  const f = formats(locale, 'UTC');
  const num = f.number;
  const pct = (part: number, whole: number) => f.percent(whole > 0 ? Math.round((part / whole) * 100) / 100 : 0);
  const topLines = (entries: TTopEntry[], max = 5) => entries.slice(0, max).map((e) => `${e.value} (${num(e.attempts)})`);
  const topMrkdwn = (entries: TTopEntry[]) =>
    entries.length === 0 ? t('noneMrkdwn') : entries.slice(0, 5).map((e) => `\`${slackEscape(e.value)}\` × ${num(e.attempts)}`).join('\n');
  return { t, num, pct, topLines, topMrkdwn };
}

const section = (mrkdwn: string) => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
const fields = (pairs: [string, string][]) => ({ type: 'section', fields: pairs.map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${v}` })) });
const button = (label: string, url: string, style?: 'primary' | 'danger') => ({
  type: 'actions',
  elements: [{ type: 'button', text: { type: 'plain_text', text: label }, url, ...(style ? { style } : {}) }],
});

export function attackStartedMessage(options: { orgName: string; attack: TIncident; link: string; locale: TLocale }): TMessage {
  const { orgName, attack: a, link } = options;
  const { t, num, topLines, topMrkdwn } = writer(options.locale);
  const time = utcTime(a.startedAt);
  const subject = oneLine(t('started.subject', { org: orgName, time }));
  const counts = t('started.counts', {
    attempts: num(a.attempts),
    perMinute: num(Math.round(a.attemptsPerMinute)),
    cards: num(a.distinctCards),
    declined: num(a.declined),
    blocked: num(a.blocked),
  });
  const list = (entries: TTopEntry[]) => (entries.length ? topLines(entries).map((l) => `  ${l}`) : [`  ${t('none')}`]);
  const heading = (label: string) => t('field', { label, value: '' }).trimEnd();
  const text = [subject, '', counts, '', heading(t('started.topIps')), ...list(a.topIps), heading(t('started.topBins')), ...list(a.topBins), '', t('started.link', { link })].join('\n');
  return {
    kind: 'attack.started',
    subject,
    text,
    slack: {
      text: t('started.slack', { subject: slackEscape(subject), attempts: num(a.attempts), ip: a.topIps[0] ? slackEscape(topLines(a.topIps, 1)[0]) : t('none'), link }),
      blocks: [
        section(`${t('started.heading', { org: slackEscape(orgName), time })}\n${counts}`),
        fields([
          [t('started.topIps'), topMrkdwn(a.topIps)],
          [t('started.topBins'), topMrkdwn(a.topBins)],
        ]),
        button(t('started.button'), link, 'danger'),
      ],
    },
  };
}

export function attackEndedMessage(options: { orgName: string; attack: TIncident; link: string; locale: TLocale }): TMessage {
  const { orgName, attack: a, link } = options;
  const { t, num, pct, topLines } = writer(options.locale);
  const endedAt = a.endedAt ?? new Date().toISOString();
  const duration = formatDuration(Date.parse(endedAt) - Date.parse(a.startedAt));
  const topIp = a.topIps[0] ? topLines(a.topIps, 1)[0] : t('none');
  const time = utcTime(endedAt);
  const share = pct(a.blocked, a.attempts);
  const subject = oneLine(t('ended.subject', { org: orgName, time, duration }));
  const summary = t('ended.summary', { attempts: num(a.attempts), blocked: num(a.blocked), share, cards: num(a.distinctCards), ip: topIp });
  const text = [
    subject,
    '',
    t('ended.durationLine', { duration, time: utcTime(a.startedAt) }),
    t('field', { label: t('ended.attempts'), value: num(a.attempts) }),
    t('field', { label: t('ended.blocked'), value: `${num(a.blocked)} (${share})` }),
    t('field', { label: t('ended.declined'), value: num(a.declined) }),
    t('field', { label: t('ended.cards'), value: num(a.distinctCards) }),
    t('field', { label: t('ended.topIp'), value: topIp }),
    '',
    t('ended.link', { link }),
  ].join('\n');
  return {
    kind: 'attack.ended',
    subject,
    text,
    slack: {
      text: `${t('field', { label: slackEscape(subject), value: slackEscape(summary) })} ${link}`,
      blocks: [
        section(t('ended.heading', { org: slackEscape(orgName), time, duration })),
        fields([
          [t('ended.duration'), duration],
          [t('ended.attempts'), num(a.attempts)],
          [t('ended.blocked'), `${num(a.blocked)} (${share})`],
          [t('ended.cardsShort'), num(a.distinctCards)],
          [t('ended.topIp'), a.topIps[0] ? `\`${slackEscape(a.topIps[0].value)}\` × ${num(a.topIps[0].attempts)}` : t('noneMrkdwn')],
        ]),
        button(t('ended.button'), link),
      ],
    },
  };
}

export function reviewBacklogMessage(options: { orgName: string; oldestAt: string; pending: number; pendingCapped: boolean; settingMinutes: number; link: string; locale: TLocale }): TMessage {
  const { orgName, oldestAt, pending, pendingCapped, settingMinutes, link } = options;
  const { t, num } = writer(options.locale);
  const waited = formatDuration(Date.now() - Date.parse(oldestAt));
  const count = `${num(pending)}${pendingCapped ? '+' : ''}`;
  const subject = oneLine(t('backlog.subject', { org: orgName, waited }));
  const body = t('backlog.body', { count, pending, time: utcTime(oldestAt), waited, minutes: settingMinutes });
  return {
    kind: 'review.backlog',
    subject,
    text: [subject, '', body, '', t('backlog.link', { link }), '', t('backlog.footer')].join('\n'),
    slack: {
      text: `${slackEscape(subject)}. ${link}`,
      blocks: [section(`${t('backlog.heading', { org: slackEscape(orgName) })}\n${body}`), button(t('backlog.button'), link)],
    },
  };
}

export function testMessage(options: { orgName: string; link: string; at: string; locale: TLocale }): TMessage {
  const { t } = writer(options.locale);
  const subject = oneLine(t('test.subject', { org: options.orgName }));
  const body = t('test.body', { time: utcTime(options.at) });
  return {
    kind: 'test',
    subject,
    text: [subject, '', body, '', options.link].join('\n'),
    slack: {
      text: t('test.slack', { subject: slackEscape(subject) }),
      blocks: [section(`${t('test.heading', { org: slackEscape(options.orgName) })}\n${body}`), button(t('test.button'), options.link)],
    },
  };
}
