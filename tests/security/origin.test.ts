import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';

// A cookie-authenticated write under /api/v1 must come from the app's own
// origin: a cross-site page riding an analyst's cookie changes nothing.

const owner = ownerSql();
let m: Merchant;
beforeAll(async () => {
  m = await newMerchant('origin');
});
afterAll(() => owner.end());

async function addBlock(headers: Record<string, string>) {
  const value = `198.18.${randomInt(256)}.${randomInt(1, 255)}`;
  const res = await fetch(`${BASE_URL}/api/v1/lists`, {
    method: 'POST',
    headers: { cookie: m.session.cookieHeader, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ type: 'ip', value, action: 'block' }),
  });
  const [{ n }] = await owner`select count(*)::int as n from lists where organization_id = ${m.orgId} and value = ${value}`;
  return { status: res.status, body: await res.json(), written: n };
}

describe('cookie-authenticated writes', () => {
  it('are refused from another site (Origin or Sec-Fetch-Site), and write nothing', async () => {
    const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site', origin: BASE_URL }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of attempts) {
      const r = await addBlock(headers);
      expect([r.status, r.body.error.code, r.written], JSON.stringify(headers)).toEqual([403, 'forbidden', 0]);
    }
  });

  it('are refused without any origin information, with a message saying what to send', async () => {
    const r = await addBlock({});
    expect([r.status, r.written]).toEqual([403, 0]);
    expect(r.body.error.message).toMatch(/Origin/);
  });

  it('go through from the app itself', async () => {
    expect((await addBlock({ origin: BASE_URL })).status).toBe(201);
    expect((await addBlock({ 'sec-fetch-site': 'same-origin' })).status).toBe(201);
  });

  it('reads need no origin', async () => {
    const res = await fetch(`${BASE_URL}/api/v1/lists`, { headers: { cookie: m.session.cookieHeader, 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});
