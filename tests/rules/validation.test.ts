import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { call, ruleOf } from './helpers';

// Bad input to the rules and thresholds endpoints: 400 naming the field, and
// nothing written (rules, settings and the audit trail unchanged).

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('rules-bad');
});
afterAll(() => owner.end());

const snapshot = async () => ({
  rules: await owner`select id, key, threshold, window_seconds, operator, action, score_delta, mode, enabled, version from rules where organization_id = ${m.orgId} order by key`,
  settings: await owner`select review_threshold, block_threshold, override_until from org_settings where organization_id = ${m.orgId}`,
  audit: (await owner`select count(*)::int as n from audit_log where organization_id = ${m.orgId}`)[0].n,
});

async function expect400(path: string, method: string, body: unknown, field: string | null, contains?: string) {
  const res = await call(m, path, method, body);
  expect(res.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400);
  if (field) {
    expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  }
  if (contains) expect(res.body.error.message).toContain(contains);
}

describe('PATCH /api/v1/rules/:id', () => {
  it('refuses bad edits with the field at fault and changes nothing', async () => {
    const ipAttempts = await ruleOf(m, 'ip_attempts_30m');
    const ratio = await ruleOf(m, 'ip_decline_ratio_30m');
    const micro = await ruleOf(m, 'micro_amount');
    const before = await snapshot();
    const at = (id: string) => `/api/v1/rules/${id}`;
    await expect400(at(ipAttempts.id), 'PATCH', {}, null, 'at least one field');
    await expect400(at(ipAttempts.id), 'PATCH', { threshold: -1 }, 'threshold');
    await expect400(at(ipAttempts.id), 'PATCH', { threshold: '5' }, 'threshold');
    await expect400(at(ipAttempts.id), 'PATCH', { operator: '==' }, 'operator');
    await expect400(at(ipAttempts.id), 'PATCH', { action: 'DENY' }, 'action');
    await expect400(at(ipAttempts.id), 'PATCH', { mode: 'off' }, 'mode');
    await expect400(at(ipAttempts.id), 'PATCH', { enabled: 'yes' }, 'enabled');
    await expect400(at(ipAttempts.id), 'PATCH', { windowSeconds: 30 }, 'windowSeconds');
    await expect400(at(ipAttempts.id), 'PATCH', { windowSeconds: 10_000_000 }, 'windowSeconds');
    await expect400(at(ipAttempts.id), 'PATCH', { windowSeconds: 90.5 }, 'windowSeconds');
    await expect400(at(ipAttempts.id), 'PATCH', { scoreDelta: 101 }, 'scoreDelta');
    await expect400(at(ipAttempts.id), 'PATCH', { action: 'SCORE' }, 'scoreDelta');
    await expect400(at(ipAttempts.id), 'PATCH', { threshold: 3, bogus: 1 }, null, 'bogus');
    await expect400(at(ratio.id), 'PATCH', { threshold: 2 }, 'threshold');
    await expect400(at(micro.id), 'PATCH', { windowSeconds: 600 }, 'windowSeconds');
    await expect400(at(micro.id), 'PATCH', { scoreDelta: 0 }, 'scoreDelta');
    expect((await call(m, at(micro.id), 'PATCH', '{"threshold": ')).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await call(m, '/api/v1/rules/00000000-0000-4000-8000-000000000000', 'PATCH', { threshold: 1 })).status).toBe(404);
    expect((await call(m, '/api/v1/rules/nope', 'PATCH', { threshold: 1 })).status).toBe(404);
  });
});

describe('POST /api/v1/rules', () => {
  it('refuses a bad custom rule with the field at fault and writes nothing', async () => {
    const ok = { key: 'custom_one', name: 'Custom', feature: 'ip.attempts', windowSeconds: 600, operator: '>', threshold: 3, action: 'REVIEW' };
    const before = await snapshot();
    await expect400('/api/v1/rules', 'POST', { ...ok, key: 'Bad Key' }, 'key');
    await expect400('/api/v1/rules', 'POST', { ...ok, name: ' ' }, 'name');
    await expect400('/api/v1/rules', 'POST', { ...ok, feature: 'ip.velocity' }, 'feature');
    await expect400('/api/v1/rules', 'POST', { ...ok, feature: 'card.distinct_cards' }, 'feature');
    await expect400('/api/v1/rules', 'POST', { ...ok, windowSeconds: undefined }, 'windowSeconds');
    await expect400('/api/v1/rules', 'POST', { ...ok, feature: 'amount' }, 'windowSeconds');
    await expect400('/api/v1/rules', 'POST', { ...ok, action: 'SCORE' }, 'scoreDelta');
    await expect400('/api/v1/rules', 'POST', { ...ok, feature: 'email.decline_ratio', threshold: 50 }, 'threshold');
    expect(await snapshot()).toEqual(before);
  });
});

describe('thresholds', () => {
  it('refuses bad thresholds and overrides with the field at fault and changes nothing', async () => {
    await call(m, '/api/v1/settings/thresholds', 'GET');
    const before = await snapshot();
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 80, block: 50 }, 'review');
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 50, block: 50 }, 'review');
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 0, block: 50 }, 'review');
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 50, block: 101 }, 'block');
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 50 }, 'block');
    await expect400('/api/v1/settings/thresholds', 'PUT', { review: 50, block: 80, extra: true }, null, 'extra');
    await expect400('/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 20, minutes: 0 }, 'minutes');
    await expect400('/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 20, minutes: 1441 }, 'minutes');
    await expect400('/api/v1/settings/thresholds/override', 'POST', { review: 10, block: 20 }, 'minutes');
    await expect400('/api/v1/settings/thresholds/override', 'POST', { review: 30, block: 20, minutes: 5 }, 'review');
    expect(await snapshot()).toEqual(before);
  });

  it('need a session', async () => {
    for (const [path, method] of [['/api/v1/rules', 'GET'], ['/api/v1/settings/thresholds', 'GET'], ['/api/v1/settings/thresholds/override', 'DELETE']]) {
      expect((await fetch(BASE_URL + path, { method })).status).toBe(401);
    }
  });
});
