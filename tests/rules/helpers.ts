import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { uniq, type Merchant } from '../helpers/env';

// Helpers for the rule engine's integration tests: fresh keys so that each
// scenario's velocity is its own, and small API wrappers.

export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
export const randomBin = () => String(randomInt(100_000, 1_000_000));
export const card = (overrides: Record<string, unknown> = {}) => ({ fingerprint: uniq('fp'), bin: randomBin(), last4: String(randomInt(1000, 10_000)), ...overrides });

/** A transaction that shares nothing with any other: its own IP, card, BIN and email. */
export const isolated = (overrides: Record<string, unknown> = {}) => ({
  ip: randomIp(),
  email: `${uniq('buyer')}@example.com`,
  card: card(),
  ...overrides,
});

export type TRuleView = { id: string; key: string; version: number; mode: string; enabled: boolean; threshold: number; windowSeconds: number; action: string; scoreDelta: number };

export async function rulesOf(m: Merchant): Promise<TRuleView[]> {
  return (await m.session.json('/api/v1/rules')).rules;
}

export async function ruleOf(m: Merchant, key: string): Promise<TRuleView> {
  const rule = (await rulesOf(m)).find((r) => r.key === key);
  if (!rule) throw new Error(`no rule ${key}`);
  return rule;
}

export async function patchRule(m: Merchant, key: string, body: Record<string, unknown>): Promise<TRuleView> {
  const rule = await ruleOf(m, key);
  return (await m.session.json(`/api/v1/rules/${rule.id}`, { method: 'PATCH', body: JSON.stringify(body) })).rule;
}

export async function addListEntry(m: Merchant, body: Record<string, unknown>) {
  const res = await m.session.fetch('/api/v1/lists', { method: 'POST', body: JSON.stringify(body) });
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.entry as { id: string; type: string; value: string; action: string; expiresAt: string | null; expired: boolean; reason: string | null };
}

/** Sends a request through the session and returns status and body. */
export async function call(m: Merchant, path: string, method: string, body?: unknown) {
  const res = await m.session.fetch(path, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
export const reasonOf = (d: { reasons: { code: string }[] }, code: string) => d.reasons.find((r) => r.code === code) as Record<string, unknown> | undefined;
