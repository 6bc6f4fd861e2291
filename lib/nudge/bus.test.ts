import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNudgeBus } from './bus';
import { decodeNudges, encodeNudges, MAX_MESSAGE_BYTES } from './message';
import type { TNudgeTransport } from './transport';

const warnings: string[] = [];
vi.mock('@/lib/logger', () => {
  const log = { warn: (_: unknown, msg: string) => warnings.push(msg), info: () => {}, debug: () => {}, child: () => log };
  return { logger: () => log };
});

/** A transport that records what is sent and lets the test deliver messages. */
function fakeTransport(publish: (message: string) => Promise<void> = async () => {}) {
  const sent: string[] = [];
  const receivers = new Set<(message: string) => void>();
  const transport: TNudgeTransport = {
    name: 'postgres',
    publish: (message) => (sent.push(message), publish(message)),
    subscribe(onMessage) {
      receivers.add(onMessage);
      return { ready: Promise.resolve(), stop: async () => void receivers.delete(onMessage) };
    },
  };
  return { transport, sent, receivers, deliver: (m: string) => receivers.forEach((r) => r(m)) };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
afterEach(() => void (warnings.length = 0));

describe('nudge bus', () => {
  it('delivers locally at once and sends one message per window, every org once', async () => {
    const t = fakeTransport();
    const bus = createNudgeBus({ instanceId: 'me', transport: t.transport });
    const seen: string[] = [];
    bus.onNudge((orgId) => seen.push(orgId));
    for (let i = 0; i < 100; i++) bus.nudgeOrg('org-a');
    bus.nudgeOrg('org-b');
    expect(seen).toHaveLength(101); // synchronous, not coalesced
    expect(t.sent).toEqual([]);
    await tick();
    expect(t.sent).toEqual(['me org-a org-b']);
    bus.nudgeOrg('org-a');
    await tick();
    expect(t.sent).toEqual(['me org-a org-b', 'me org-a']);
    await bus.close();
  });

  it("relays the other instances' messages and drops its own", async () => {
    const t = fakeTransport();
    const bus = createNudgeBus({ instanceId: 'me', transport: t.transport });
    const seen: string[] = [];
    bus.onNudge((orgId) => seen.push(orgId));
    t.deliver('me org-a');
    t.deliver('other org-b org-c');
    expect(seen).toEqual(['org-b', 'org-c']);
    await bus.close();
  });

  it('never throws to the caller when sending fails, and warns once per outage', async () => {
    let fail = true;
    const t = fakeTransport(async () => {
      if (fail) throw new Error('database unreachable');
    });
    const bus = createNudgeBus({ instanceId: 'me', transport: t.transport });
    const seen: string[] = [];
    bus.onNudge((orgId) => seen.push(orgId));
    for (let i = 0; i < 3; i++) {
      expect(() => bus.nudgeOrg('org-a')).not.toThrow();
      await tick();
    }
    expect(seen).toEqual(['org-a', 'org-a', 'org-a']);
    expect(warnings).toHaveLength(1);
    fail = false;
    bus.nudgeOrg('org-a');
    await tick();
    fail = true;
    bus.nudgeOrg('org-a');
    await tick();
    expect(warnings).toHaveLength(2);
    await bus.close();
  });

  it('holds a subscription only while someone listens', async () => {
    const t = fakeTransport();
    const bus = createNudgeBus({ instanceId: 'me', transport: t.transport });
    bus.nudgeOrg('org-a');
    expect(t.receivers.size).toBe(0);
    const offA = bus.onNudge(() => {});
    const offB = bus.onNudge(() => {});
    expect(t.receivers.size).toBe(1);
    offA();
    offA();
    expect(t.receivers.size).toBe(1);
    offB();
    await tick(0);
    expect(t.receivers.size).toBe(0);
    await bus.close();
  });
});

describe('nudge messages', () => {
  it('split under the NOTIFY payload limit and read back', () => {
    const orgIds = Array.from({ length: 1_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const messages = encodeNudges('sender', [...orgIds, orgIds[0]]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(Buffer.byteLength(m)).toBeLessThan(MAX_MESSAGE_BYTES);
    const decoded = messages.map(decodeNudges);
    expect(new Set(decoded.map((d) => d.from))).toEqual(new Set(['sender']));
    expect(decoded.flatMap((d) => d.orgIds)).toEqual(orgIds);
    expect(encodeNudges('sender', [])).toEqual([]);
  });
});
