import fs from 'node:fs';
import path from 'node:path';
import { logger } from '@/lib/logger';
import { HttpError, OryloSession } from './http-client';

export const DEMO_USER = { email: 'demo@orylo.dev', password: 'orylo-demo-2026', name: 'Demo Analyst' };

export type DemoState = { email: string; password: string; orgId: string; apiKey: string };

/**
 * Seeds the demo user, organization and API key through the public API (once
 * per data folder) and remembers the key, which the API shows only once.
 */
export async function ensureDemo(baseUrl: string, dataDir: string): Promise<DemoState> {
  const file = path.join(dataDir, 'demo.json');
  const saved: DemoState | null = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  const session = new OryloSession(baseUrl);
  try {
    await session.signIn(DEMO_USER);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) throw error;
    await session.signUp(DEMO_USER);
  }
  if (saved?.apiKey) {
    await session.post('/api/auth/organization/set-active', { organizationId: saved.orgId }).catch(() => {});
    const probe = await fetch(`${baseUrl}/api/v1/transactions`, { method: 'POST', headers: { authorization: `Bearer ${saved.apiKey}`, 'content-type': 'application/json' }, body: '{}' });
    if (probe.status !== 401) return saved;
  }
  const orgs = await session.json<{ id: string }[]>('/api/auth/organization/list');
  const org = orgs[0] ?? (await session.createOrganization('Demo Shop', `demo-shop-${Date.now().toString(36)}`));
  await session.post('/api/auth/organization/set-active', { organizationId: org.id });
  const key = await session.createApiKey('Demo traffic');
  const state: DemoState = { email: DEMO_USER.email, password: DEMO_USER.password, orgId: org.id, apiKey: key.key };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  logger().info('demo organization "Demo Shop" and API key created');
  return state;
}
