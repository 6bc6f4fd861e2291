import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBodyTolerantly, type OryloSession } from '@/scripts/lib/http-client';
import { newMerchant, ownerSql, uniq, type Merchant } from '../helpers/env';
import { SseReader } from '../helpers/sse';
import { addMember, insertDetection } from '../reviews/helpers';

// Every row of the permission table (README, "Roles"), allowed and denied,
// through HTTP. The members join through Better Auth's invitation flow with
// the role under test, which also proves Better Auth accepts Orylo's roles.
// "member" is Better Auth's default role: Orylo reads it as an analyst.

const ROLES = ['viewer', 'member', 'analyst', 'admin', 'owner'] as const;
type TRole = (typeof ROLES)[number];
const ANALYSTS: TRole[] = ['member', 'analyst', 'admin', 'owner'];
const MANAGERS: TRole[] = ['admin', 'owner'];

const owner = ownerSql();
let m: Merchant;
const sessions = {} as Record<TRole, OryloSession>;
const randomIp = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
/** A member whose role the "change a role" row sets, through Better Auth's endpoint. */
let roleTarget: { memberId: string };

beforeAll(async () => {
  m = await newMerchant('perms');
  sessions.owner = m.session;
  for (const role of ['viewer', 'member', 'analyst', 'admin'] as const) sessions[role] = (await addMember(m, role)).session;
  const { email } = await addMember(m, 'analyst', 'Role target');
  roleTarget = { memberId: (await owner`select m.id from member m join "user" u on u.id = m.user_id where u.email = ${email}`)[0].id };
}, 60_000);
afterAll(() => owner.end());

type TAttempt = (s: OryloSession) => Promise<Response>;
const send = (method: string, path: string, body?: unknown): TAttempt => (s) =>
  s.fetch(path, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
const clearOverride = () => send('DELETE', '/api/v1/settings/thresholds/override')(m.session);

/** Each action of the table: how to attempt it fresh, and who may. */
const TABLE: { action: string; allowed: readonly TRole[]; attempt: () => Promise<TAttempt> }[] = [
  { action: 'read detections', allowed: ROLES, attempt: async () => send('GET', '/api/v1/detections') },
  { action: 'read stats', allowed: ROLES, attempt: async () => send('GET', '/api/v1/stats') },
  { action: 'read attacks', allowed: ROLES, attempt: async () => send('GET', '/api/v1/attacks') },
  { action: 'read the audit log', allowed: ROLES, attempt: async () => send('GET', '/api/v1/audit') },
  { action: 'read lists', allowed: ROLES, attempt: async () => send('GET', '/api/v1/lists') },
  { action: 'read rules', allowed: ROLES, attempt: async () => send('GET', '/api/v1/rules') },
  {
    action: "read a rule's performance",
    allowed: ROLES,
    attempt: async () => send('GET', `/api/v1/rules/${(await m.session.json('/api/v1/rules')).rules[0].id}/stats?window=30d`),
  },
  { action: 'read thresholds', allowed: ROLES, attempt: async () => send('GET', '/api/v1/settings/thresholds') },
  { action: 'read the review queue', allowed: ROLES, attempt: async () => send('GET', '/api/v1/reviews') },
  {
    action: 'review a detection',
    allowed: ANALYSTS,
    attempt: async () => send('POST', `/api/v1/detections/${(await insertDetection(owner, m)).id}/review`, { action: 'approve' }),
  },
  {
    action: 'label an outcome',
    allowed: ANALYSTS,
    attempt: async () => send('POST', `/api/v1/detections/${(await insertDetection(owner, m)).id}/events`, { type: 'fraud_confirmed' }),
  },
  { action: 'export CSV', allowed: ANALYSTS, attempt: async () => send('GET', `/api/v1/detections/export?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date().toISOString()}`) },
  { action: 'read saved views', allowed: ROLES, attempt: async () => send('GET', '/api/v1/views') },
  { action: 'save a view', allowed: ANALYSTS, attempt: async () => send('POST', '/api/v1/views', { name: uniq('view'), filters: { decision: 'BLOCK' }, shared: true }) },
  {
    action: 'delete a view someone else shared',
    allowed: MANAGERS,
    attempt: async () => {
      const { view } = await m.session.post('/api/v1/views', { name: uniq('shared'), filters: { minScore: '80' }, shared: true });
      return send('DELETE', `/api/v1/views/${view.id}`);
    },
  },
  { action: 'add a block-list entry', allowed: ANALYSTS, attempt: async () => send('POST', '/api/v1/lists', { type: 'ip', value: randomIp(), action: 'block' }) },
  {
    action: 'tighten thresholds for a while',
    allowed: ANALYSTS,
    attempt: async () => {
      await clearOverride();
      return send('POST', '/api/v1/settings/thresholds/override', { review: 30, block: 60, minutes: 60 });
    },
  },
  { action: 'add an allow-list entry', allowed: MANAGERS, attempt: async () => send('POST', '/api/v1/lists', { type: 'ip', value: randomIp(), action: 'allow' }) },
  {
    action: 'remove a list entry',
    allowed: MANAGERS,
    attempt: async () => {
      const res = await send('POST', '/api/v1/lists', { type: 'ip', value: randomIp(), action: 'block' })(m.session);
      return send('DELETE', `/api/v1/lists/${(await res.json()).entry.id}`);
    },
  },
  { action: 'create a rule', allowed: MANAGERS, attempt: async () => send('POST', '/api/v1/rules', { key: `custom_${uniq('r').replace(/-/g, '_')}`, name: 'Custom', feature: 'ip.attempts', windowSeconds: 600, operator: '>', threshold: 3, action: 'REVIEW' }) },
  {
    action: 'test a rule on past detections',
    allowed: ANALYSTS,
    attempt: async () => send('POST', '/api/v1/rules/backtest', { rule: { feature: 'ip.attempts', windowSeconds: 600, operator: '>', threshold: 3, action: 'REVIEW' }, from: new Date(Date.now() - 86_400_000).toISOString() }),
  },
  {
    action: 'edit (disable) a rule',
    allowed: MANAGERS,
    attempt: async () => {
      const { rules } = await (await send('GET', '/api/v1/rules')(m.session)).json();
      return send('PATCH', `/api/v1/rules/${rules[0].id}`, { enabled: true });
    },
  },
  { action: 'read rule snoozes', allowed: ROLES, attempt: async () => send('GET', '/api/v1/snoozes') },
  { action: 'snooze a rule for one customer', allowed: ANALYSTS, attempt: async () => send('POST', `/api/v1/rules/${await ruleId()}/snoozes`, snoozeBody()) },
  {
    action: 'end a rule snooze',
    allowed: ANALYSTS,
    attempt: async () => {
      const res = await send('POST', `/api/v1/rules/${await ruleId()}/snoozes`, snoozeBody())(m.session);
      return send('DELETE', `/api/v1/snoozes/${(await res.json()).snooze.id}`);
    },
  },
  { action: 'change the thresholds', allowed: MANAGERS, attempt: async () => send('PUT', '/api/v1/settings/thresholds', { review: 50, block: 80 }) },
  {
    action: 'loosen thresholds for a while',
    allowed: MANAGERS,
    attempt: async () => {
      await clearOverride();
      return send('POST', '/api/v1/settings/thresholds/override', { review: 90, block: 95, minutes: 60 });
    },
  },
  {
    action: 'end the override',
    allowed: MANAGERS,
    attempt: async () => {
      await send('POST', '/api/v1/settings/thresholds/override', { review: 30, block: 60, minutes: 60 })(m.session);
      return send('DELETE', '/api/v1/settings/thresholds/override');
    },
  },
  { action: 'list API keys', allowed: MANAGERS, attempt: async () => send('GET', '/api/v1/api-keys') },
  { action: 'create an API key', allowed: MANAGERS, attempt: async () => send('POST', '/api/v1/api-keys', { name: 'perm key' }) },
  {
    action: 'revoke an API key',
    allowed: MANAGERS,
    attempt: async () => {
      const res = await send('POST', '/api/v1/api-keys', { name: 'to revoke' })(m.session);
      return send('DELETE', `/api/v1/api-keys/${(await res.json()).id}`);
    },
  },
  { action: 'read the Stripe connection', allowed: ROLES, attempt: async () => send('GET', '/api/v1/settings/stripe') },
  { action: 'save the Stripe signing secret', allowed: MANAGERS, attempt: async () => send('PUT', '/api/v1/settings/stripe', { webhookSecret: `whsec_${uniq('perm').replace(/-/g, '')}abcdefghijkl` }) },
  {
    action: 'remove the Stripe signing secret',
    allowed: MANAGERS,
    attempt: async () => {
      await send('PUT', '/api/v1/settings/stripe', { webhookSecret: `whsec_${uniq('perm').replace(/-/g, '')}abcdefghijkl` })(m.session);
      return send('DELETE', '/api/v1/settings/stripe');
    },
  },
  // The team: Better Auth's own organization endpoints, where Orylo's rules answer in the same words (lib/auth/team-hooks.ts).
  { action: 'invite a member', allowed: MANAGERS, attempt: async () => send('POST', '/api/auth/organization/invite-member', { email: `${uniq('perm-invite')}@example.com`, role: 'viewer', organizationId: m.orgId }) },
  {
    action: 'revoke an invitation',
    allowed: MANAGERS,
    attempt: async () => {
      const invitation = await m.session.post('/api/auth/organization/invite-member', { email: `${uniq('perm-revoke')}@example.com`, role: 'analyst', organizationId: m.orgId });
      return send('POST', '/api/auth/organization/cancel-invitation', { invitationId: invitation.id });
    },
  },
  { action: 'change a role', allowed: MANAGERS, attempt: async () => send('POST', '/api/auth/organization/update-member-role', { memberId: roleTarget.memberId, role: 'viewer', organizationId: m.orgId }) },
  {
    action: 'remove a member',
    allowed: MANAGERS,
    attempt: async () => {
      const { email } = await addMember(m, 'viewer', 'To remove');
      return send('POST', '/api/auth/organization/remove-member', { memberIdOrEmail: email, organizationId: m.orgId });
    },
  },
  { action: 'list alert channels', allowed: MANAGERS, attempt: async () => send('GET', '/api/v1/alert-channels') },
  { action: 'add an alert channel', allowed: MANAGERS, attempt: async () => send('POST', '/api/v1/alert-channels', { type: 'email', target: `${uniq('ops')}@shop.example`, events: ['attack.started'] }) },
  {
    action: 'send a test alert',
    allowed: MANAGERS,
    attempt: async () => {
      const channel = await m.session.post('/api/v1/alert-channels', { type: 'email', target: `${uniq('test')}@shop.example`, events: ['attack.ended'] });
      return send('POST', `/api/v1/alert-channels/${channel.id}/test`);
    },
  },
  {
    action: "change an alert channel's events and language",
    allowed: MANAGERS,
    attempt: async () => {
      const channel = await m.session.post('/api/v1/alert-channels', { type: 'email', target: `${uniq('edit')}@shop.example`, events: ['attack.started'] });
      return send('PATCH', `/api/v1/alert-channels/${channel.id}`, { events: ['attack.started', 'attack.ended'], locale: 'fr' });
    },
  },
  {
    action: 'delete an alert channel',
    allowed: MANAGERS,
    attempt: async () => {
      const channel = await m.session.post('/api/v1/alert-channels', { type: 'email', target: `${uniq('del')}@shop.example`, events: ['review.backlog'] });
      return send('DELETE', `/api/v1/alert-channels/${channel.id}`);
    },
  },
  { action: 'read the alert settings', allowed: ROLES, attempt: async () => send('GET', '/api/v1/settings/alerts') },
  { action: 'change the review-backlog setting', allowed: MANAGERS, attempt: async () => send('PUT', '/api/v1/settings/alerts', { reviewBacklogMinutes: 45 }) },
  { action: 'list webhooks', allowed: MANAGERS, attempt: async () => send('GET', '/api/v1/webhooks') },
  { action: 'create a webhook', allowed: MANAGERS, attempt: async () => send('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/perm', events: ['list.changed'] }) },
  { action: "read a webhook's deliveries", allowed: MANAGERS, attempt: async () => send('GET', `/api/v1/webhooks/${await webhookId()}/deliveries`) },
  { action: 'change a webhook', allowed: MANAGERS, attempt: async () => send('PATCH', `/api/v1/webhooks/${await webhookId()}`, { enabled: false }) },
  { action: 'send a test event', allowed: MANAGERS, attempt: async () => send('POST', `/api/v1/webhooks/${await webhookId()}/test`) },
  { action: "rotate a webhook's secret", allowed: MANAGERS, attempt: async () => send('POST', `/api/v1/webhooks/${await webhookId()}/rotate-secret`) },
  {
    action: 'delete a webhook',
    allowed: MANAGERS,
    attempt: async () => {
      const res = await send('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/perm', events: ['list.changed'] })(m.session);
      return send('DELETE', `/api/v1/webhooks/${(await res.json()).id}`);
    },
  },
];

/** A rule of the org to snooze, each attempt for a new customer (a second live snooze of one rule and customer is a 409). */
const ruleId = async (): Promise<string> => (await (await send('GET', '/api/v1/rules')(m.session)).json()).rules[0].id;
const snoozeBody = () => ({ entityType: 'customer_id', entityValue: uniq('cus'), duration: '1h', reason: 'Permission table' });

/** One webhook endpoint of the org (made by the owner the first time a row needs it). */
let webhook: string | undefined;
async function webhookId(): Promise<string> {
  webhook ??= (await (await send('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/perm', events: ['list.changed'] })(m.session)).json()).id;
  return webhook!;
}

describe('the permission table, through HTTP', () => {
  for (const row of TABLE) {
    it(`${row.action}: ${row.allowed.join(', ')}`, async () => {
      for (const role of ROLES) {
        const attempt = await row.attempt();
        const res = await attempt(sessions[role]);
        const body = await readBodyTolerantly(res);
        if (row.allowed.includes(role)) {
          expect(res.status, `${role} may ${row.action}: ${JSON.stringify(body)}`).toBeLessThan(300);
        } else {
          expect(res.status, `${role} may not ${row.action}`).toBe(403);
          expect(body.error.code).toBe('forbidden');
          // The message names the role needed and the caller's.
          expect(body.error.message).toMatch(/needs the (analyst or admin or owner|admin or owner) role/);
          expect(body.error.message).toContain(`you are ${role === 'member' ? 'analyst' : role}`);
        }
      }
      await clearOverride();
    });
  }

  it('every role may watch the stream', async () => {
    for (const role of ROLES) {
      const reader = await SseReader.open({ cookie: sessions[role].cookieHeader });
      expect(reader.response.status, role).toBe(200);
      reader.close();
    }
  });

  it('a denied write changes nothing', async () => {
    const value = randomIp();
    const res = await send('POST', '/api/v1/lists', { type: 'ip', value, action: 'allow' })(sessions.analyst);
    expect(res.status).toBe(403);
    const rows = await owner`select count(*)::int as n from lists where organization_id = ${m.orgId} and value = ${value}`;
    expect(rows[0].n).toBe(0);
  });
});
