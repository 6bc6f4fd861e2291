import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL, cardTestingAttempt, newMerchant, ownerSql, postTx, uniq, type Merchant } from '../helpers/env';
import { sleep, until } from '../helpers/wait';
import { SseReader } from '../helpers/sse';

// The card-testing detector against the real server: incidents open from
// traffic sent through the ingest API, stream to the org's viewers (and to
// nobody else), and close on their own after the quiet period (60 s, the
// default: the test waits for it).

const open: SseReader[] = [];
afterAll(() => open.forEach((r) => r.close()));

async function stream(m: Merchant) {
  const r = await SseReader.open({ cookie: m.session.cookieHeader });
  open.push(r);
  await r.waitFor(() => r.ofType('connected').length === 1, 5_000, 'connected');
  return r;
}

const cardTest = cardTestingAttempt;


const attackEvents = (r: SseReader) => r.messages.filter((m) => String(m.data.type).startsWith('attack_'));

describe('card-testing detector', () => {
  it('opens an incident within seconds, streams it to the org only, and closes it after the quiet period', async () => {
    const [m, other] = await Promise.all([newMerchant('atk'), newMerchant('atk-other')]);
    const [live, bystander] = await Promise.all([stream(m), stream(other)]);

    const started = Date.now();
    for (let i = 0; i < 25; i++) await postTx(m, cardTest(i));
    const burstDone = Date.now();
    const attack = await until('an open incident', 10_000, async () => {
      const body = await m.session.json('/api/v1/attacks?status=open');
      return body.attacks[0];
    });
    const openedAfter = Date.now() - started;
    console.info(`[attacks] 25 attempts sent in ${burstDone - started} ms; incident open ${openedAfter} ms after the first, ${Date.now() - burstDone} ms after the last`);
    expect(openedAfter).toBeLessThan(10_000);

    expect(attack).toMatchObject({ status: 'open', endedAt: null });
    expect(attack.attempts).toBeGreaterThanOrEqual(10);
    expect(attack.declined).toBeGreaterThanOrEqual(8);
    expect(attack.distinctCards).toBe(attack.attempts);
    expect(attack.topIps[0]).toMatchObject({ value: '203.0.113.66', attempts: attack.attempts });
    expect(Object.keys(attack.topIps[0]).sort()).toEqual(['allowed', 'attempts', 'blocked', 'review', 'value']);
    expect(attack.topBins[0].value).toBe('411111');
    expect(attack.topCards.length).toBeGreaterThan(0);
    expect(attack.topCards.length).toBeLessThanOrEqual(5);
    const kinds = attack.trigger.signals.map((s: { kind: string }) => s.kind);
    expect(kinds).toContain('ip_distinct_cards');
    expect(attack.trigger.attempts.threshold).toBe(10);
    const ipSignal = attack.trigger.signals.find((s: { kind: string }) => s.kind === 'ip_distinct_cards');
    expect(ipSignal).toMatchObject({ value: '203.0.113.66', threshold: 5 });
    expect(ipSignal.observed).toBeGreaterThanOrEqual(10);

    // The stats carry it too.
    expect((await m.session.json('/api/v1/stats')).attack).toMatchObject({ id: attack.id, status: 'open' });
    // Another org sees none of it.
    expect((await other.session.json('/api/v1/attacks')).attacks).toEqual([]);
    expect((await other.session.json('/api/v1/stats')).attack).toBeNull();

    await live.waitFor(() => live.ofType('attack_started').length > 0, 5_000, 'attack_started');
    const startedEvent = live.ofType('attack_started')[0];
    expect(startedEvent.data.attack).toMatchObject({ id: attack.id, status: 'open' });
    for (const key of ['startedAt', 'attempts', 'attemptsPerMinute', 'declined', 'blocked', 'distinctCards', 'topIps', 'topBins']) {
      expect(startedEvent.data.attack).toHaveProperty(key);
    }

    // An analyst blocks the attacking IP while it lasts: the incident's page will say so.
    const block = await m.session.fetch('/api/v1/lists', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ip', value: '203.0.113.66', action: 'block', reason: 'war room' }) });
    expect(block.status).toBe(201);

    // The attack goes on: the counters move and the stream says so.
    for (let i = 25; i < 40; i++) {
      await postTx(m, cardTest(i));
      await sleep(200);
    }
    const lastAttemptAt = Date.now();
    await live.waitFor(
      () => live.ofType('attack_updated').some((e) => e.data.attack.attempts >= 40),
      10_000,
      'attack_updated with the new attempts',
    );
    const updates = live.ofType('attack_updated');
    expect(updates.every((e) => e.data.attack.id === attack.id && e.data.attack.status === 'open')).toBe(true);

    // A viewer who joins now is told at once.
    const late = await stream(m);
    await late.waitFor(() => late.ofType('attack_started').length > 0, 3_000, 'attack_started for a late joiner');
    // Right after connected (heartbeats aside): from what the org's poller already knows.
    expect(late.messages.filter((e) => e.data.type !== 'heartbeat').map((e) => e.data.type).slice(0, 2)).toEqual(['connected', 'attack_started']);

    // Quiet from here: it closes after 60 s without any further ingest.
    const closed = await until('the incident to close', 75_000, async () => {
      const body = await m.session.json('/api/v1/attacks?status=closed');
      return body.attacks.find((a: { id: string }) => a.id === attack.id);
    });
    console.info(`[attacks] closed ${Date.now() - lastAttemptAt} ms after the last attempt`);
    expect(closed.status).toBe('closed');
    expect(Date.parse(closed.endedAt)).toBeGreaterThan(Date.parse(closed.startedAt));
    expect(closed.attempts).toBe(40);
    await live.waitFor(() => live.ofType('attack_ended').length > 0, 5_000, 'attack_ended');
    expect(live.ofType('attack_ended')[0].data.attack).toMatchObject({ id: attack.id, status: 'closed', attempts: 40 });
    expect((await m.session.json('/api/v1/attacks?status=open')).attacks).toEqual([]);
    const stats = await m.session.json('/api/v1/stats');
    expect(stats.attack).toBeNull();
    // After the attack: the dashboard's summary and the incident's page with what the team did.
    expect(stats.lastAttack).toMatchObject({ id: attack.id, status: 'closed', attempts: 40 });
    const detail = await m.session.json(`/api/v1/attacks/${attack.id}`);
    expect(detail.attack).toMatchObject({ id: attack.id, status: 'closed' });
    expect(detail.actions).toEqual([expect.objectContaining({ action: 'list.create', actorEmail: m.email, after: expect.objectContaining({ value: '203.0.113.66', action: 'block' }) })]);
    // Another org cannot read it; a malformed id is a 404 too.
    expect((await other.session.fetch(`/api/v1/attacks/${attack.id}`)).status).toBe(404);
    expect((await m.session.fetch('/api/v1/attacks/not-an-id')).status).toBe(404);
    expect((await other.session.json('/api/v1/stats')).lastAttack).toBeNull();

    // Order on the stream: started, updates, ended; none of them moves the cursor.
    const types = attackEvents(live).map((e) => e.data.type);
    expect(types[0]).toBe('attack_started');
    expect(types.at(-1)).toBe('attack_ended');
    expect(types.filter((t) => t === 'attack_started')).toHaveLength(1);
    expect(attackEvents(live).every((e) => e.id === undefined)).toBe(true);
    expect(live.lastId()).toBe(live.ofType('new_detections').at(-1)!.id);
    expect(live.detections()).toHaveLength(40);
    expect(attackEvents(bystander)).toEqual([]);
  }, 120_000);

  it('does not open on ordinary traffic at a higher rate: normal declines, one card per customer, many IPs, one popular BIN', async () => {
    const m = await newMerchant('atk-sale');
    for (let i = 0; i < 40; i++) {
      await postTx(m, {
        amount: 2500 + i * 37,
        ip: `198.51.100.${10 + i}`,
        email: `buyer${i}@example.com`,
        customerId: `cus_${i}`,
        // The worst case for the BIN signal: every card from one popular bank.
        card: { fingerprint: uniq('fp-sale'), bin: '424242', last4: String(2000 + i), country: 'FR' },
        authStatus: i % 10 === 3 ? 'declined' : 'authorized',
      });
    }
    // Past the coalescing window and its trailing evaluation.
    await sleep(2_500);
    expect((await m.session.json('/api/v1/attacks')).attacks).toEqual([]);
    expect((await m.session.json('/api/v1/stats')).attack).toBeNull();
  });

  it('GET /api/v1/attacks: 400 naming the field for a bad status, 401 without a session', async () => {
    const m = await newMerchant('atk-bad');
    const res = await m.session.fetch('/api/v1/attacks?status=active');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_error');
    expect(body.error.field).toBe('status');
    expect(body.error.message).toMatch(/open.*closed/);
    expect((await fetch(`${BASE_URL}/api/v1/attacks`)).status).toBe(401);
    expect((await m.session.json('/api/v1/attacks?status=open')).attacks).toEqual([]);
  });

  it('the same attack back soon after its incident closed resumes it; another attacker opens a new one', async () => {
    const m = await newMerchant('atk-resume');
    const owner = ownerSql();
    try {
      for (let i = 0; i < 12; i++) await postTx(m, cardTest(i));
      const first = await until('an open incident', 10_000, async () => (await m.session.json('/api/v1/attacks?status=open')).attacks[0]);
      // Closed as the detector closes it after a quiet minute (tested above), without the wait.
      await owner`update attacks set status = 'closed', ended_at = now(), version = version + 1 where id = ${first.id}`;
      await sleep(1_100);

      // The same IP again, five minutes later in the attacker's life: the incident resumes.
      for (let i = 100; i < 112; i++) await postTx(m, cardTest(i));
      const resumed = await until('the incident to resume', 10_000, async () => {
        const [a] = (await m.session.json('/api/v1/attacks?status=open')).attacks;
        return a?.resumedAt ? a : undefined;
      });
      expect(resumed).toMatchObject({ id: first.id, startedAt: first.startedAt, endedAt: null });
      expect(resumed.attempts).toBeGreaterThanOrEqual(24);
      await owner`update attacks set status = 'closed', ended_at = now(), version = version + 1 where id = ${first.id}`;
      await sleep(1_100);

      // Another attacker: another IP, other cards and BINs. A new incident.
      const other = (i: number) => ({ ...cardTest(i), ip: '198.51.100.201', card: { fingerprint: uniq('fp-other'), bin: '520082', last4: String(3000 + i), country: 'US' } });
      for (let i = 0; i < 12; i++) await postTx(m, other(i));
      const second = await until('a new incident', 10_000, async () => (await m.session.json('/api/v1/attacks?status=open')).attacks[0]);
      expect(second.id).not.toBe(first.id);
      expect(second.resumedAt).toBeNull();
      expect(second.topIps.map((t: { value: string }) => t.value)).toEqual(['198.51.100.201']);

      // The first attacker joins the open incident: its new attempts count, not those of the closed one.
      const [{ ended_at: firstEnded }] = await owner`select ended_at from attacks where id = ${first.id}`;
      for (let i = 200; i < 206; i++) await postTx(m, cardTest(i));
      const joined = await until('the first attacker to join', 10_000, async () => {
        const [a] = (await m.session.json('/api/v1/attacks?status=open')).attacks;
        return a?.indicators.ips.includes('203.0.113.66') && a.attempts >= 18 ? a : undefined;
      });
      expect(joined.id).toBe(second.id);
      expect(joined.attempts).toBe(18);
      expect(Date.parse(joined.startedAt)).toBeGreaterThan(new Date(firstEnded).getTime());
    } finally {
      await owner.end();
    }
  }, 60_000);
});
