import { afterAll, describe, expect, it } from 'vitest';
import { runOpenLoop } from '@/lib/simulate/open-loop';
import { createRng, hashSeed, randomSeed } from '@/lib/simulate/random';
import { TrafficRecorder } from '@/lib/simulate/recorder';
import { createMix, type TScenarioName } from '@/lib/simulate/scenarios';
import { BASE_URL, newMerchant, ownerSql, type Merchant } from '../helpers/env';
import { sleep, until } from '../helpers/wait';

// The detector under the conditions it exists for: a shop's ordinary traffic
// before, during and after a card-testing attack, sent over time through the
// ingest API with the simulator's realistic traffic (amounts, BINs, IPs,
// decline codes). The incident is about the attack's traffic only, and closes
// when the attack stops while the shoppers go on. Beside it, a flash sale at
// ten times the shoppers' rate opens nothing.

const owner = ownerSql();
afterAll(() => owner.end());

/** Sends one scenario at `rate`/s for `seconds` (or until aborted) with its own run id. */
function traffic(m: Merchant, scenario: TScenarioName, rate: number, seconds: number, options: { signal?: AbortSignal; attackerIps?: number } = {}) {
  const seed = randomSeed();
  const runId = `t${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;
  const mix = createMix([{ scenario, share: 1 }], { seed, runId, attackerIps: options.attackerIps });
  const rng = createRng(hashSeed(seed, 'attempts'));
  const recorder = new TrafficRecorder();
  const done = runOpenLoop({ target: { baseUrl: BASE_URL, apiKey: m.apiKey }, ratePerSecond: rate, durationSeconds: seconds, next: (i) => mix(rng, i), recorder, signal: options.signal });
  return { runId, recorder, done };
}


const openAttack = async (m: Merchant) => (await m.session.json('/api/v1/attacks?status=open')).attacks[0];

describe('an attack among ordinary shoppers', () => {
  it('counts the attack only, starts when it started, closes when it stops while the shoppers go on; a flash sale beside it opens nothing', async () => {
    const [shop, sale] = await Promise.all([newMerchant('atk-shop'), newMerchant('atk-flash')]);
    const shoppersOn = new AbortController();
    // 40 ordinary attempts a minute throughout.
    const shoppers = traffic(shop, 'normal', 40 / 60, 600, { signal: shoppersOn.signal });
    try {
      await sleep(20_000);
      // Card testing: 15 attempts/s for 45 s from 3 IPs.
      const attackStartedAt = Date.now();
      const attack = traffic(shop, 'card-testing', 15, 45, { attackerIps: 3 });
      const opened = await until('the incident to open', 15_000, () => openAttack(shop));
      const openedAfterMs = Date.now() - attackStartedAt;
      await attack.done;
      const attackEndedAt = Date.now();

      // Beside it, another shop's flash sale: ten times the shoppers' rate, ordinary declines, many IPs and cards.
      const flash = traffic(sale, 'normal', (10 * 40) / 60, 30);
      const closed = await until('the incident to close', 150_000, async () => {
        const body = await shop.session.json('/api/v1/attacks?status=closed');
        return body.attacks.find((a: { id: string }) => a.id === opened.id);
      });
      const closedAfterMs = Date.now() - attackEndedAt;
      await flash.done;
      await sleep(2_500); // past the detector's coalescing window

      // What the attack really was, read from the database.
      const [truth] = await owner`
        select count(*)::int as attempts, min(created_at) as first_at, array_agg(distinct ip) as ips
        from detections where organization_id = ${shop.orgId} and external_id like ${`sim_ct_${attack.runId}_%`}`;
      const [shopperCount] = await owner`
        select count(*)::int as n from detections where organization_id = ${shop.orgId} and external_id like ${`sim_n_${shoppers.runId}_%`} and created_at > ${new Date(attackEndedAt)}`;
      const startedOffsetMs = Date.parse(closed.startedAt) - new Date(truth.first_at).getTime();
      console.info(
        `[attribution] attack ${truth.attempts} attempts from ${truth.ips.length} IPs; incident open ${openedAfterMs} ms after its first attempt, ` +
          `counted ${closed.attempts} (${((closed.attempts / truth.attempts - 1) * 100).toFixed(1)} %), started ${startedOffsetMs} ms from the attack's start, ` +
          `closed ${closedAfterMs} ms after its last attempt while ${shopperCount.n} shoppers came; flash sale: ${flash.recorder.summary().sent} attempts`,
      );

      expect(openedAfterMs).toBeLessThan(5_000);
      expect(closed.attempts).toBeGreaterThanOrEqual(truth.attempts * 0.8);
      expect(closed.attempts).toBeLessThanOrEqual(truth.attempts * 1.2);
      // No shopper's IP among the top IPs: only the attacker's three.
      for (const entry of closed.topIps) expect(truth.ips).toContain(entry.value);
      expect(Math.abs(startedOffsetMs)).toBeLessThan(10_000);
      expect(closedAfterMs).toBeLessThan(120_000);
      // The shoppers never stopped.
      expect(shopperCount.n).toBeGreaterThan(0);
      expect(closed.indicators.ips.length).toBeGreaterThanOrEqual(3);

      expect((await sale.session.json('/api/v1/attacks')).attacks).toEqual([]);

      // The incident's CSV holds its own attempts, not the shoppers of the same minutes.
      const csv = await shop.session.fetch(`/api/v1/attacks/${closed.id}/export`);
      expect(csv.status).toBe(200);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(Number(csv.headers.get('x-orylo-rows'))).toBe(closed.attempts);
      expect(lines).toHaveLength(closed.attempts + 1);
      expect(lines.filter((l) => l.includes(`sim_n_${shoppers.runId}_`)).length).toBeLessThanOrEqual(closed.attempts - truth.attempts + 1);
      expect(lines.filter((l) => l.includes(`sim_ct_${attack.runId}_`))).toHaveLength(truth.attempts);
    } finally {
      shoppersOn.abort();
      await shoppers.done;
    }
  }, 240_000);
});
