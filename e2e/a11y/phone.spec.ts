import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { seedOrg, SIGNED_IN_PAGES, type TSeeded } from './seed';

// A phone is a first-class screen (390 × 844, an iPhone 12–15): no page
// scrolls sideways, and what an analyst acts on during an attack is on
// screen without it: each detection's time, amount, decision and score, the
// review queue's Approve and Block, the war room's counters and Block
// buttons, every link of the header.

const PHONE = { width: 390, height: 844 };
let seeded: TSeeded;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  seeded = await seedOrg(browser, 'phone');
});

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: seeded.state, viewport: PHONE, isMobile: true, hasTouch: true });
  return context.newPage();
}

/** The element, scrolled to vertically if need be, lies within the screen's width. */
async function expectWithinWidth(locator: Locator, what: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on screen`).toBeLessThanOrEqual(PHONE.width);
}

async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const { scroll, client, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // The deepest elements past the right edge, outside a box that scrolls on its own: what to fix.
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
    const inScroller = (el: Element) => { for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return true; return false; };
    const past = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > width + 1 && !inScroller(el));
    const deepest = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (${Math.round(el.getBoundingClientRect().right)} px)`;
    return { scroll: document.documentElement.scrollWidth, client: width, culprits: deepest.slice(0, 5).map(describe) };
  });
  expect(scroll, `${name} scrolls sideways on a phone: ${culprits.join(', ')}`).toBeLessThanOrEqual(client);
}

for (const [path, name, ready] of SIGNED_IN_PAGES) {
  test(`${name} fits a 390 px phone`, async ({ browser }) => {
    const page = await phonePage(browser);
    await page.goto(path);
    await expect(page.locator(ready).first()).toBeVisible();
    await expectNoSidewaysScroll(page, name);
    await page.context().close();
  });
}

test('the dashboard on a phone: each detection’s time, amount, decision and score, the war room and the header’s links', async ({ browser }) => {
  const page = await phonePage(browser);
  await page.goto('/dashboard');
  const first = page.getByTestId('detection-row').first();
  await expect(first).toBeVisible();
  for (const cell of ['time', 'amount', 'decision', 'score']) await expectWithinWidth(first.locator(`[data-cell="${cell}"]`), `the first detection's ${cell}`);

  // The card-testing burst opened the war room: its counters and a Block button.
  await expectWithinWidth(page.getByTestId('war-room'), 'the war room');
  await expectWithinWidth(page.getByTestId('war-block').first(), 'the war room’s first Block button');
  // The top IPs read as cards on a phone: an IP on one line (never broken mid-way), its split in words.
  const topIp = page.getByTestId('war-top-ip').getByTestId('war-top-row').first();
  const ipLines = await topIp.locator('td').first().evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(ipLines, 'the top IP is written on one line').toBe(1);
  await expectWithinWidth(topIp, 'the top IP’s card');

  const links = page.getByRole('navigation').first().getByRole('link');
  for (let i = 0; i < (await links.count()); i++) await expectWithinWidth(links.nth(i), `header link ${i + 1}`);
  await expectWithinWidth(page.getByTestId('language'), 'the language switcher');
  // The filter bar's card clips what passes its edge (no sideways scroll shows it): every control whole on screen.
  const controls = page.getByTestId('filter-bar').locator('input, select, button');
  for (let i = 0; i < (await controls.count()); i++) await expectWithinWidth(controls.nth(i), `filter control ${i + 1} (${await controls.nth(i).getAttribute('name')})`);
  await page.context().close();
});

test('the review queue on a phone: Approve and Block of the first item are on screen', async ({ browser }) => {
  const page = await phonePage(browser);
  await page.goto('/review');
  const row = page.getByTestId('review-row').first();
  await expect(row).toBeVisible();
  await expectWithinWidth(row.getByTestId('review-approve'), 'Approve');
  await expectWithinWidth(row.getByTestId('review-block'), 'Block');
  await expectNoSidewaysScroll(page, 'review queue');
  await page.context().close();
});
