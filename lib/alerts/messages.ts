import type { TAttack, TTopEntry } from '@/lib/attacks';
import type { TAlertKind } from './schema';

// What an alert says, for Slack (incoming-webhook JSON: `text`, the
// notification's fallback, plus `blocks`) and for e-mail (a subject and plain
// text). Pure: the sender adds nothing but the transport.

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

const num = (n: number) => n.toLocaleString('en-US');
/** "14:03 UTC" */
export const utcTime = (iso: string) => `${new Date(iso).toISOString().slice(11, 16)} UTC`;
const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)} %` : '0 %');

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

const topLines = (entries: TTopEntry[], max = 5) => entries.slice(0, max).map((e) => `${e.value} (${num(e.attempts)})`);
const topMrkdwn = (entries: TTopEntry[]) =>
  entries.length === 0 ? '_none_' : entries.slice(0, 5).map((e) => `\`${slackEscape(e.value)}\` × ${num(e.attempts)}`).join('\n');

const section = (mrkdwn: string) => ({ type: 'section', text: { type: 'mrkdwn', text: mrkdwn } });
const fields = (pairs: [string, string][]) => ({ type: 'section', fields: pairs.map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${v}` })) });
const button = (label: string, url: string, style?: 'primary' | 'danger') => ({
  type: 'actions',
  elements: [{ type: 'button', text: { type: 'plain_text', text: label }, url, ...(style ? { style } : {}) }],
});

export function attackStartedMessage(options: { orgName: string; attack: TIncident; link: string }): TMessage {
  const { orgName, attack: a, link } = options;
  const subject = oneLine(`Card-testing attack on ${orgName} started ${utcTime(a.startedAt)}`);
  const counts = `${num(a.attempts)} attempts so far (${num(Math.round(a.attemptsPerMinute))}/min), ${num(a.distinctCards)} distinct cards, ${num(a.declined)} declined, ${num(a.blocked)} blocked by Orylo.`;
  const text = [
    subject,
    '',
    counts,
    '',
    'Top IPs:',
    ...(a.topIps.length ? topLines(a.topIps).map((l) => `  ${l}`) : ['  none']),
    'Top BINs:',
    ...(a.topBins.length ? topLines(a.topBins).map((l) => `  ${l}`) : ['  none']),
    '',
    `War room: ${link}`,
  ].join('\n');
  return {
    kind: 'attack.started',
    subject,
    text,
    slack: {
      text: `${slackEscape(subject)}: ${num(a.attempts)} attempts, top IP ${a.topIps[0] ? slackEscape(topLines(a.topIps, 1)[0]) : 'none'}. ${link}`,
      blocks: [
        section(`:rotating_light: *Card-testing attack on ${slackEscape(orgName)}* started ${utcTime(a.startedAt)}\n${counts}`),
        fields([
          ['Top IPs', topMrkdwn(a.topIps)],
          ['Top BINs', topMrkdwn(a.topBins)],
        ]),
        button('Open the war room', link, 'danger'),
      ],
    },
  };
}

export function attackEndedMessage(options: { orgName: string; attack: TIncident; link: string }): TMessage {
  const { orgName, attack: a, link } = options;
  const endedAt = a.endedAt ?? new Date().toISOString();
  const duration = formatDuration(Date.parse(endedAt) - Date.parse(a.startedAt));
  const topIp = a.topIps[0] ? topLines(a.topIps, 1)[0] : 'none';
  const subject = oneLine(`Card-testing attack on ${orgName} ended ${utcTime(endedAt)} after ${duration}`);
  const summary = `${num(a.attempts)} attempts, ${num(a.blocked)} blocked (${pct(a.blocked, a.attempts)}), ${num(a.distinctCards)} distinct cards; top IP ${topIp}.`;
  const text = [
    subject,
    '',
    `Duration: ${duration} (started ${utcTime(a.startedAt)})`,
    `Attempts: ${num(a.attempts)}`,
    `Blocked: ${num(a.blocked)} (${pct(a.blocked, a.attempts)})`,
    `Declined: ${num(a.declined)}`,
    `Distinct cards: ${num(a.distinctCards)}`,
    `Top IP: ${topIp}`,
    '',
    `Incident: ${link}`,
  ].join('\n');
  return {
    kind: 'attack.ended',
    subject,
    text,
    slack: {
      text: `${slackEscape(subject)}: ${slackEscape(summary)} ${link}`,
      blocks: [
        section(`:white_check_mark: *Card-testing attack on ${slackEscape(orgName)}* ended ${utcTime(endedAt)} after ${duration}`),
        fields([
          ['Duration', duration],
          ['Attempts', num(a.attempts)],
          ['Blocked', `${num(a.blocked)} (${pct(a.blocked, a.attempts)})`],
          ['Cards', num(a.distinctCards)],
          ['Top IP', a.topIps[0] ? `\`${slackEscape(a.topIps[0].value)}\` × ${num(a.topIps[0].attempts)}` : '_none_'],
        ]),
        button('See the incident', link),
      ],
    },
  };
}

export function reviewBacklogMessage(options: { orgName: string; oldestAt: string; pending: number; pendingCapped: boolean; settingMinutes: number; link: string }): TMessage {
  const { orgName, oldestAt, pending, pendingCapped, settingMinutes, link } = options;
  const waited = formatDuration(Date.now() - Date.parse(oldestAt));
  const count = `${num(pending)}${pendingCapped ? '+' : ''}`;
  const subject = oneLine(`Review backlog on ${orgName}: the oldest review has waited ${waited}`);
  const body = `${count} ${pending === 1 ? 'payment waits' : 'payments wait'} for review; the oldest since ${utcTime(oldestAt)} (${waited}, over your ${settingMinutes} min setting).`;
  return {
    kind: 'review.backlog',
    subject,
    text: [subject, '', body, '', `Review queue: ${link}`, '', 'Orylo sends this at most once an hour per channel while the backlog lasts.'].join('\n'),
    slack: {
      text: `${slackEscape(subject)}. ${link}`,
      blocks: [section(`:hourglass: *Review backlog on ${slackEscape(orgName)}*\n${body}`), button('Open the review queue', link)],
    },
  };
}

export function testMessage(options: { orgName: string; link: string; at: string }): TMessage {
  const subject = oneLine(`Orylo test alert for ${options.orgName}`);
  const body = `This channel works: Orylo will post card-testing attacks and review backlogs here (sent ${utcTime(options.at)}).`;
  return {
    kind: 'test',
    subject,
    text: [subject, '', body, '', options.link].join('\n'),
    slack: {
      text: `${slackEscape(subject)}: this channel works.`,
      blocks: [section(`:white_check_mark: *Orylo test alert for ${slackEscape(options.orgName)}*\n${body}`), button('Open Orylo', options.link)],
    },
  };
}
