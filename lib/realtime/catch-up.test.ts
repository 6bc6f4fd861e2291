import { describe, expect, it } from 'vitest';
import { CATCH_UP_LOW_WATER_BYTES, Semaphore, waitForRoom } from './catch-up';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('catch-up reads', () => {
  it('run at most `size` at once, first come first served, and a failure frees its place', async () => {
    const slots = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) =>
      slots.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await sleep(10);
        running--;
        if (i % 4 === 0) throw new Error(`task ${i} failed`);
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => task(i)));
    expect(peak).toBe(3);
    expect(started).toEqual([...Array(12).keys()]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    expect(slots.active).toBe(0);
    expect(slots.queued).toBe(0);
  });

  it('wait for the client to take its bytes down to the low-water mark, and stop waiting when the stream closes', async () => {
    let queued = 500_000;
    const asked: number[] = [];
    const hasRoom = async (bytes: number) => {
      asked.push(bytes);
      return queued <= bytes;
    };
    const drained = waitForRoom(hasRoom, () => false);
    setTimeout(() => (queued = 1_000), 200);
    const t0 = Date.now();
    expect(await drained).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    // A timer re-check, not a busy loop.
    expect(asked.length).toBeLessThan(10);
    expect(asked.every((b) => b === CATCH_UP_LOW_WATER_BYTES)).toBe(true);

    let closed = false;
    const stuck = waitForRoom(() => false, () => closed);
    setTimeout(() => (closed = true), 100);
    expect(await stuck).toBe(false);
  });
});
