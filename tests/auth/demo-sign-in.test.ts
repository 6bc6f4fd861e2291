import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OryloSession } from '@/scripts/lib/http-client';
import { BASE_URL, uniq } from '../helpers/env';
import { startExtraServer } from '../helpers/server';

// In development the launcher makes a demo account and tells the server
// (ORYLO_DEMO_ACCOUNT): the sign-in page offers it. A server without it (any
// production start) shows no such thing.

const demo = { email: `${uniq('demo')}@orylo.dev`, password: 'orylo-demo-2026' };
let server: Awaited<ReturnType<typeof startExtraServer>>;

beforeAll(async () => {
  server = await startExtraServer({ ORYLO_DEMO_ACCOUNT: `${demo.email} ${demo.password}` });
  await new OryloSession(server.url).signUp({ ...demo, name: 'Demo Analyst' });
}, 90_000);
afterAll(() => server?.stop());

describe('the demo account on the sign-in page', () => {
  it('is offered, with its address and password, when the launcher made one; in French for a French browser', async () => {
    const html = await (await fetch(`${server.url}/sign-in`)).text();
    expect(html).toContain('data-testid="demo-account"');
    expect(html).toContain(demo.email);
    expect(html).toContain(demo.password);
    const fr = await (await fetch(`${server.url}/sign-in`, { headers: { 'accept-language': 'fr-FR' } })).text();
    expect(fr).toContain('Compte de démonstration');
    // And it signs in.
    const session = new OryloSession(server.url);
    await session.signIn(demo);
    expect(await (await session.fetch('/api/auth/get-session')).json()).toMatchObject({ user: { email: demo.email } });
  });

  it('is not offered by a server the launcher gave no demo account', async () => {
    const html = await (await fetch(`${BASE_URL}/sign-in`)).text();
    expect(html).toContain('name="password"');
    expect(html).not.toContain('data-testid="demo-account"');
  });
});
