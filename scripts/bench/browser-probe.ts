import type { CDPSession, Page, Request } from '@playwright/test';

// What the browser bench reads from the page. Three sources, each the one
// that sees the figure first-hand:
// - long tasks: a PerformanceObserver('longtask') installed before the app's
//   own scripts (every task of the renderer's main thread over 50 ms);
// - main-thread busy time: Chromium's own counter (CDP Performance.getMetrics
//   TaskDuration: seconds the renderer's main thread spent running tasks);
// - Block-click latency: from the moment the bench sends the click (wall clock)
//   to the POST /api/v1/lists started by Chromium's network stack (Playwright's
//   request timing, wall clock); and, inside the page, from the press's
//   timestamp (event.timeStamp of the pointerdown) to the app's fetch() call.

/** Runs in the page before any of its scripts, on every navigation. */
function installProbe() {
  type TProbe = { longTasks: { start: number; duration: number }[]; presses: number[]; fetches: { at: number; press: number | null }[] };
  const probe: TProbe = { longTasks: [], presses: [], fetches: [] };
  (window as unknown as { __benchProbe: TProbe }).__benchProbe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let lastPress: number | null = null;
  addEventListener(
    'pointerdown',
    (event) => {
      if ((event.target as Element | null)?.closest?.('[data-testid="war-block"]')) {
        lastPress = event.timeStamp;
        probe.presses.push(event.timeStamp);
      }
    },
    true,
  );
  const original = window.fetch;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (method === 'POST' && url.includes('/api/v1/lists')) {
      probe.fetches.push({ at: performance.now(), press: lastPress });
      lastPress = null;
    }
    return original.call(this, input, init);
  } as typeof fetch;
}

export type TPageProbe = {
  timeOrigin: number;
  now: number;
  longTasks: { start: number; duration: number }[];
  presses: number[];
  fetches: { at: number; press: number | null }[];
};

export async function installPageProbe(page: Page): Promise<void> {
  await page.addInitScript(installProbe);
}

export async function readPageProbe(page: Page): Promise<TPageProbe> {
  return page.evaluate(() => {
    const p = (window as unknown as { __benchProbe: Omit<TPageProbe, 'timeOrigin' | 'now'> }).__benchProbe;
    return { timeOrigin: performance.timeOrigin, now: performance.now(), longTasks: p.longTasks, presses: p.presses, fetches: p.fetches };
  });
}

/** Seconds of main-thread task time so far, from Chromium's counters. */
export async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

export type TBlockClick = { ok: boolean; clickedAt?: number; networkStartAt?: number; error?: string };

/**
 * Clicks the first enabled Block button of the war room (a top card, else any)
 * and waits until its POST /api/v1/lists has left and been answered, so the
 * next click finds the buttons enabled again. The button is found first; then
 * the clock starts (`clickedAt`, wall time) and the mouse goes down and up at
 * its centre through CDP, as a person's click would: no actionability checks
 * (their rAF-paced stability polling would need the page's main thread before
 * the input is even sent, and cost it layouts the app did not ask for).
 */
export async function clickBlock(page: Page): Promise<TBlockClick> {
  try {
    // One look at the page, as little as a person's glance costs it: the first
    // enabled Block button (a top card's, else any), brought into view if it is not.
    const box = await page.evaluate(() => {
      const enabled = '[data-testid="war-block"]:not([disabled])';
      const button = document.querySelector(`[data-testid="war-top-card_fingerprint"] ${enabled}`) ?? document.querySelector(enabled);
      if (!button) return null;
      // Reachable: what is at its centre is the button (not off screen, not under the sticky header or a toast).
      // No named helper in here: the bundler would wrap it in a function the page does not have.
      const r = button.getBoundingClientRect();
      if (!button.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2))) button.scrollIntoView({ block: 'center' });
      const { x, y, width, height } = button.getBoundingClientRect();
      return { x, y, width, height };
    });
    if (!box) return { ok: false, error: 'no enabled Block button' };
    const request = page.waitForRequest((r: Request) => r.method() === 'POST' && r.url().includes('/api/v1/lists'), { timeout: 5_000 });
    request.catch(() => {});
    const clickedAt = Date.now();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.click(x, y);
    const sent = await request.catch(async (error: Error) => {
      // What the click met instead: a re-rendered row, a toast, a disabled button.
      const under = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.outerHTML.slice(0, 160) ?? 'nothing', [x, y] as const);
      throw new Error(`${error.message.split('\n')[0]}; under the pointer: ${under}`);
    });
    await sent.response();
    return { ok: true, clickedAt, networkStartAt: sent.timing().startTime };
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0] };
  }
}
