import { expect, type Browser, type Page } from '@playwright/test';

// Checks that a page speaks one language. A French page must not carry
// English left behind: every visible text node of the page is read (those
// inside translate="no", which marks what people typed or sent, such as
// rule names, e-mails and external ids, and inside code, kbd, pre, inputs
// are skipped) and none may hold a word that only English has.

/** Words common in English UI text that French never uses ("minutes", "message", "date" are French too). */
const ENGLISH_ONLY = [
  'the', 'and', 'with', 'from', 'your', 'this', 'that', 'these', 'those', 'have', 'has', 'been', 'will', 'can', 'cannot', 'could', 'would', 'should',
  'yet', 'when', 'which', 'there', 'their', 'into', 'only', 'each', 'every', 'other', 'than', 'then', 'about', 'after', 'before', 'while', 'because',
  'please', 'must', 'not', 'are', 'was', 'were', 'be', 'is', 'of', 'to', 'for', 'by', 'no', 'none', 'all', 'any', 'add', 'save', 'cancel', 'delete',
  'close', 'open', 'show', 'hide', 'block', 'allow', 'review', 'approve', 'sign', 'create', 'edit', 'new', 'loading', 'search', 'filter', 'today',
  'yesterday', 'ago', 'hours', 'days', 'payments', 'rules', 'settings', 'dashboard', 'attempts', 'declines', 'cards', 'pending',
];
// A word inside an identifier (product_not_received, a code shown as data) is not English prose.
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}_])(${ENGLISH_ONLY.join('|')})(?![\\p{L}_])`, 'iu');

/** The visible text of the page, one entry per text node, outside what people typed. */
export async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = 'script, style, noscript, code, kbd, pre, samp, input, textarea, [translate="no"], [aria-hidden="true"]';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest(skip)) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      out.push(text);
    }
    // Names given to controls without visible text count too: a screen reader reads them.
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** Fails with the English left on a French page. */
export async function expectNoEnglish(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const english = (await visibleText(page)).filter((t) => ENGLISH_WORD.test(t));
  expect(english, `English on the French page ${page.url()}`).toEqual([]);
}

/** A browser context that reads French (Accept-Language fr-FR, French formats in the page too). */
export async function frenchPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  return context.newPage();
}
