import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBodyTolerantly } from '@/scripts/lib/http-client';
import { newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { startExtraServer } from '../helpers/server';
import { jsonPost, sessionOn, startSlackReceiver } from './helpers';

// The alert-channel API against the real server and database: what it
// stores, what it refuses (and then writes nothing), the test button with
// what a real local "Slack" answered, and the outbound URL rule on a server
// that does not allow private targets.

const owner = ownerSql();
let m: Merchant;
let other: Merchant;
let slack: Awaited<ReturnType<typeof startSlackReceiver>>;

beforeAll(async () => {
  [m, other] = await Promise.all([newMerchant('alerts-api'), newMerchant('alerts-api-other')]);
  slack = await startSlackReceiver({ statusFor: (path) => (path.startsWith('/broken') ? 500 : 200) });
});
afterAll(async () => {
  await slack.stop();
  await owner.end();
});

const channelCount = async (orgId: string) => Number((await owner`select count(*)::int as n from alert_channels where organization_id = ${orgId}`)[0].n);
const auditCount = async (orgId: string) => Number((await owner`select count(*)::int as n from audit_log where organization_id = ${orgId} and action like 'alert%'`)[0].n);

describe('alert channels', () => {
  it('adds a Slack and an e-mail channel, lists them (the Slack token masked) and audits it', async () => {
    const hook = `${slack.base}/services/T0001/B0001/secrettoken9876`;
    const res = await jsonPost(m.session, '/api/v1/alert-channels', { type: 'slack', target: hook, events: ['attack.started', 'attack.ended'] });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(Object.keys(created).sort()).toEqual(['createdAt', 'createdBy', 'events', 'id', 'locale', 'target', 'type']);
    // Added from an English page: its alerts are written in English.
    expect(created.locale).toBe('en');
    expect(created).toMatchObject({ type: 'slack', target: hook, events: ['attack.started', 'attack.ended'] });

    const mail = await jsonPost(m.session, '/api/v1/alert-channels', { type: 'email', target: 'Fraud-Team@Shop.Example', events: ['review.backlog'] });
    expect(mail.status).toBe(201);
    expect((await mail.json()).target).toBe('fraud-team@shop.example');

    const { channels } = await m.session.json('/api/v1/alert-channels');
    expect(channels.map((c: { type: string }) => c.type)).toEqual(['slack', 'email']);
    expect(channels[0].target).toBe(`${slack.base}/services/T0001/B0001/…9876`);
    expect(channels[0].recentAlerts).toEqual([]);
    // The audit trail (readable by every member) never holds the whole Slack URL.
    const [entry] = await owner`select after from audit_log where organization_id = ${m.orgId} and action = 'alert_channel.create' order by created_at limit 1`;
    expect(JSON.stringify(entry.after)).not.toContain('secrettoken9876');

    // The same target again is a 409 that writes nothing.
    const before = await channelCount(m.orgId);
    const dup = await jsonPost(m.session, '/api/v1/alert-channels', { type: 'slack', target: hook, events: ['attack.started'] });
    expect(dup.status).toBe(409);
    expect(await channelCount(m.orgId)).toBe(before);
  });

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const before = [await channelCount(m.orgId), await auditCount(m.orgId)];
    const cases: [unknown, RegExp][] = [
      [{ type: 'slack', target: 'not a url', events: ['attack.started'] }, /target: Must be an absolute URL/],
      [{ type: 'slack', target: 'ftp://hooks.example.com/x', events: ['attack.started'] }, /target: Must use https/],
      [{ type: 'email', target: 'a@x.co, b@y.co', events: ['attack.started'] }, /target/],
      [{ type: 'email', target: 'nobody', events: ['attack.started'] }, /target/],
      [{ type: 'pager', target: 'a@x.co', events: ['attack.started'] }, /type/],
      [{ type: 'email', target: 'a@x.co', events: [] }, /events/],
      [{ type: 'email', target: 'a@x.co', events: ['attack.begun'] }, /events\.0/],
      [{ type: 'email', target: 'a@x.co' }, /events/],
      [{ type: 'email', target: 'a@x.co', events: ['attack.started'], url: 'x' }, /url|Unrecognized/i],
      [{ type: 'email', target: '4242 4242 4242 4242', events: ['attack.started'] }, /card number/],
      [{ type: 'email', target: 'a\u0000@x.co', events: ['attack.started'] }, /NUL/],
    ];
    for (const [body, message] of cases) {
      const res = await jsonPost(m.session, '/api/v1/alert-channels', body);
      const answer = await readBodyTolerantly(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(answer.error.message, JSON.stringify(body)).toMatch(message);
    }
    const raw = await m.session.fetch('/api/v1/alert-channels', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(raw.status).toBe(400);
    expect([await channelCount(m.orgId), await auditCount(m.orgId)]).toEqual(before);
  });

  it('the test button sends a real message and answers with what the target returned; recorded either way', async () => {
    const ok = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'slack', target: `${slack.base}/services/T/B/test-ok`, events: ['attack.started'] })).json();
    const res = await m.session.fetch(`/api/v1/alert-channels/${ok.id}/test`, { method: 'POST' });
    expect(res.status).toBe(200);
    const { alert } = await res.json();
    expect(alert).toMatchObject({ event: 'test', status: 'sent', httpStatus: 200, response: 'ok', attempts: 1, error: null });
    const [post] = slack.at('/services/T/B/test-ok');
    expect(post.body.text).toMatch(/^Orylo test alert for Org alerts-api: this channel works\./);
    expect(post.body.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(post.headers['content-type']).toBe('application/json');

    const broken = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'slack', target: `${slack.base}/broken/hook`, events: ['attack.started'] })).json();
    const failed = (await (await m.session.fetch(`/api/v1/alert-channels/${broken.id}/test`, { method: 'POST' })).json()).alert;
    expect(failed).toMatchObject({ status: 'failed', httpStatus: 500, error: 'HTTP 500', response: 'invalid_payload' });

    // An e-mail channel: the test server sends through the runner's SMTP sink (scripts/test.ts),
    // which keeps each message in ORYLO_MAIL_LOG; the answer says the SMTP server took it.
    const target = `ops-${Date.now().toString(36)}@shop.example`;
    const mail = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'email', target, events: ['attack.ended'] })).json();
    const sent = (await (await m.session.fetch(`/api/v1/alert-channels/${mail.id}/test`, { method: 'POST' })).json()).alert;
    expect(sent).toMatchObject({ status: 'sent', httpStatus: null, response: 'accepted by the SMTP server' });
    const mailbox = fs.readFileSync(process.env.ORYLO_MAIL_LOG!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string[] });
    expect(mailbox.filter((e) => e.to.includes(target))).toHaveLength(1);

    const { channels } = await m.session.json('/api/v1/alert-channels');
    const byId = Object.fromEntries(channels.map((c: { id: string }) => [c.id, c]));
    expect(byId[ok.id].recentAlerts).toEqual([expect.objectContaining({ event: 'test', status: 'sent', httpStatus: 200 })]);
    expect(byId[broken.id].recentAlerts).toEqual([expect.objectContaining({ event: 'test', status: 'failed', httpStatus: 500, error: 'HTTP 500' })]);
    const { alerts } = await m.session.json(`/api/v1/alert-channels/${broken.id}/alerts`);
    expect(alerts).toHaveLength(1);
  });

  it('writes a channel’s alerts in the language of whoever added it, or the one they picked; an unknown one is a 400', async () => {
    const french = { 'content-type': 'application/json', 'accept-language': 'fr-FR,fr;q=0.9' };
    const add = (body: unknown) => m.session.fetch('/api/v1/alert-channels', { method: 'POST', headers: french, body: JSON.stringify(body) });
    const target = `equipe-${Date.now().toString(36)}@shop.example`;
    const created = await (await add({ type: 'email', target, events: ['attack.started'] })).json();
    expect(created.locale).toBe('fr');
    const sent = (await (await m.session.fetch(`/api/v1/alert-channels/${created.id}/test`, { method: 'POST' })).json()).alert;
    expect(sent).toMatchObject({ status: 'sent' });
    const mailbox = fs.readFileSync(process.env.ORYLO_MAIL_LOG!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string[]; text: string });
    const [mail] = mailbox.filter((e) => e.to.includes(target));
    expect(mail.text).toMatch(/^Subject: Alerte de test Orylo pour Org alerts-api$/m);
    expect(mail.text).toContain('Ce canal fonctionne');

    // Picked by hand: English for a French page.
    const english = await (await add({ type: 'slack', target: `${slack.base}/services/T/B/in-english`, events: ['attack.started'], locale: 'en' })).json();
    expect(english.locale).toBe('en');
    const before = await channelCount(m.orgId);
    const refused = await add({ type: 'email', target: 'x@shop.example', events: ['attack.started'], locale: 'de' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ field: 'locale', message: 'locale: Must be one of "en", "fr"' });
    expect(await channelCount(m.orgId)).toBe(before);
  });

  it('changes a channel’s events and language in place: the target and the history stay, the next alert reads in the new language, audited', async () => {
    const target = `switch-${Date.now().toString(36)}@shop.example`;
    const created = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'email', target, events: ['attack.started'] })).json();
    expect(created.locale).toBe('en');
    expect((await (await m.session.fetch(`/api/v1/alert-channels/${created.id}/test`, { method: 'POST' })).json()).alert.status).toBe('sent');

    const res = await jsonPost(m.session, `/api/v1/alert-channels/${created.id}`, { locale: 'fr', events: ['review.backlog', 'attack.started'] }, 'PATCH');
    expect(res.status).toBe(200);
    const changed = await res.json();
    // The events in the one order every list shows them; the target and the id as they were.
    expect(changed).toMatchObject({ id: created.id, type: 'email', target, locale: 'fr', events: ['attack.started', 'review.backlog'] });
    const listed = (await m.session.json('/api/v1/alert-channels')).channels.find((c: { id: string }) => c.id === created.id);
    expect(listed).toMatchObject({ locale: 'fr', events: ['attack.started', 'review.backlog'] });
    expect(listed.recentAlerts).toHaveLength(1);

    // The next message to it is French.
    expect((await (await m.session.fetch(`/api/v1/alert-channels/${created.id}/test`, { method: 'POST' })).json()).alert.status).toBe('sent');
    const mailbox = fs.readFileSync(process.env.ORYLO_MAIL_LOG!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string[]; text: string });
    const subjects = mailbox.filter((e) => e.to.includes(target)).map((e) => e.text.match(/^Subject: (.*)$/m)?.[1]);
    expect(subjects).toEqual(['Orylo test alert for Org alerts-api', 'Alerte de test Orylo pour Org alerts-api']);

    const [entry] = await owner`select before, after from audit_log where organization_id = ${m.orgId} and action = 'alert_channel.update' and target_id = ${created.id}`;
    expect(entry.before).toMatchObject({ locale: 'en', events: ['attack.started'] });
    expect(entry.after).toMatchObject({ locale: 'fr', events: ['attack.started', 'review.backlog'] });

    // The same values again change nothing and write no audit entry.
    expect((await jsonPost(m.session, `/api/v1/alert-channels/${created.id}`, { locale: 'fr' }, 'PATCH')).status).toBe(200);
    const entries = await owner`select 1 from audit_log where organization_id = ${m.orgId} and action = 'alert_channel.update' and target_id = ${created.id}`;
    expect(entries).toHaveLength(1);
  });

  it('refuses a bad change with a 400 naming the field and writes nothing; the type and target are not changed by a PATCH', async () => {
    const created = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'email', target: `keep-${Date.now().toString(36)}@shop.example`, events: ['attack.ended'] })).json();
    const before = [await auditCount(m.orgId), JSON.stringify((await owner`select events, locale, target, type from alert_channels where id = ${created.id}`)[0])];
    const cases: [unknown, string | undefined, RegExp][] = [
      [{}, undefined, /Nothing to change/],
      [{ locale: 'de' }, 'locale', /^locale: Must be one of "en", "fr"$/],
      [{ events: [] }, 'events', /Pick at least one event/],
      [{ events: ['attack.begun'] }, 'events.0', /Each event must be one of/],
      [{ events: ['attack.ended', 'attack.ended'] }, 'events', /at most once/],
      [{ target: 'other@shop.example' }, undefined, /target|Unrecognized/i],
      [{ type: 'slack', locale: 'fr' }, undefined, /type|Unrecognized/i],
      [{ locale: 'fr', note: '4111 1111 1111 1111' }, undefined, /card number/],
      [[], undefined, /./],
      [null, undefined, /./],
    ];
    for (const [body, field, message] of cases) {
      const res = await jsonPost(m.session, `/api/v1/alert-channels/${created.id}`, body, 'PATCH');
      const answer = await readBodyTolerantly(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(answer.error.message, JSON.stringify(body)).toMatch(message);
      if (field) expect(answer.error.field, JSON.stringify(body)).toBe(field);
    }
    expect([await auditCount(m.orgId), JSON.stringify((await owner`select events, locale, target, type from alert_channels where id = ${created.id}`)[0])]).toEqual(before);
    // Another organization's channel, or no channel at all: 404, nothing changed.
    expect((await jsonPost(other.session, `/api/v1/alert-channels/${created.id}`, { locale: 'fr' }, 'PATCH')).status).toBe(404);
    expect((await jsonPost(m.session, '/api/v1/alert-channels/00000000-0000-4000-8000-000000000000', { locale: 'fr' }, 'PATCH')).status).toBe(404);
    expect((await owner`select locale from alert_channels where id = ${created.id}`)[0].locale).toBe('en');
  });

  it('another organization can neither see, test nor delete a channel; delete removes it', async () => {
    const mine = await (await jsonPost(m.session, '/api/v1/alert-channels', { type: 'email', target: 'mine@shop.example', events: ['attack.started'] })).json();
    expect((await other.session.json('/api/v1/alert-channels')).channels).toEqual([]);
    expect((await other.session.fetch(`/api/v1/alert-channels/${mine.id}/test`, { method: 'POST' })).status).toBe(404);
    expect((await other.session.fetch(`/api/v1/alert-channels/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await other.session.fetch('/api/v1/alert-channels/not-an-id', { method: 'DELETE' })).status).toBe(404);
    const del = await m.session.fetch(`/api/v1/alert-channels/${mine.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await m.session.fetch(`/api/v1/alert-channels/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    const actions = (await owner`select action from audit_log where organization_id = ${m.orgId} and target_id = ${mine.id} order by created_at`).map((r) => r.action);
    expect(actions).toEqual(['alert_channel.create', 'alert_channel.delete']);
  });

  it('caps the channels of an organization', async () => {
    const capped = await newMerchant('alerts-cap');
    for (let i = 0; i < 20; i++) {
      const res = await jsonPost(capped.session, '/api/v1/alert-channels', { type: 'email', target: `ops${i}@shop.example`, events: ['attack.started'] });
      expect(res.status).toBe(201);
    }
    const over = await jsonPost(capped.session, '/api/v1/alert-channels', { type: 'email', target: 'one-more@shop.example', events: ['attack.started'] });
    expect(over.status).toBe(409);
    expect((await over.json()).error.message).toMatch(/20 alert channels/);
    expect(await channelCount(capped.orgId)).toBe(20);
  });

  it('the review-backlog setting: 30 min by default, changed by an admin, audited, bad values refused', async () => {
    expect(await m.session.json('/api/v1/settings/alerts')).toEqual({ reviewBacklogMinutes: 30 });
    const put = await jsonPost(m.session, '/api/v1/settings/alerts', { reviewBacklogMinutes: 15 }, 'PUT');
    expect(put.status).toBe(200);
    expect(await m.session.json('/api/v1/settings/alerts')).toEqual({ reviewBacklogMinutes: 15 });
    for (const bad of [{ reviewBacklogMinutes: 0 }, { reviewBacklogMinutes: 1.5 }, { reviewBacklogMinutes: '15' }, {}, { reviewBacklogMinutes: 20, x: 1 }]) {
      expect((await jsonPost(m.session, '/api/v1/settings/alerts', bad, 'PUT')).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await m.session.json('/api/v1/settings/alerts')).toEqual({ reviewBacklogMinutes: 15 });
    const [entry] = await owner`select before, after from audit_log where organization_id = ${m.orgId} and action = 'alerts.settings'`;
    expect(entry).toMatchObject({ before: { reviewBacklogMinutes: 30 }, after: { reviewBacklogMinutes: 15 } });
  });

  it('a private Slack URL is refused by a server started without WEBHOOK_ALLOW_PRIVATE', async () => {
    const strict = await startExtraServer({ WEBHOOK_ALLOW_PRIVATE: '0' });
    try {
      const s = await sessionOn(strict.url, m);
      const before = await channelCount(m.orgId);
      for (const target of [`${slack.base}/services/T/B/x`, 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://169.254.169.254/latest', 'http://hooks.slack.com/services/x']) {
        const res = await jsonPost(s, '/api/v1/alert-channels', { type: 'slack', target, events: ['attack.started'] });
        expect(res.status, target).toBe(400);
        expect((await res.json()).error.message, target).toMatch(/^target: /);
      }
      expect(await channelCount(m.orgId)).toBe(before);
      expect(slack.at('/services/T/B/x')).toEqual([]);
    } finally {
      await strict.stop();
    }
  });
});
