import { OryloSession } from '@/scripts/lib/http-client';
const s = new OryloSession('http://localhost:3377');
await s.signIn({ email: 'demo@orylo.dev', password: 'orylo-demo-2026' });
const seen = new Map<string, string>();
const end = Date.now() + 7 * 60_000;
while (Date.now() < end) {
  const { attacks } = await s.json('/api/v1/attacks');
  for (const a of attacks) {
    const key = `${a.status}:${a.resumedAt ?? ''}`;
    if (seen.get(a.id) !== key) {
      seen.set(a.id, key);
      console.log(new Date().toISOString(), a.id.slice(0, 8), a.status, 'started', a.startedAt, 'ended', a.endedAt, 'last', a.lastAttemptAt, 'attempts', a.attempts, 'ips', a.topIps.map((t: any) => t.value).join(','));
    }
  }
  await new Promise((r) => setTimeout(r, 500));
}
