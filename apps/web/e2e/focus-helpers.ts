import { expect, type Locator, type Page } from '@playwright/test';

/** What has focus, as its tag name (BODY when focus was dropped). */
export const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? 'BODY');

/** Focus is on `target` and, above all, not on the page body. */
export async function expectFocusOn(page: Page, target: Locator) {
  await expect(target).toBeFocused();
  expect(await focusedTag(page)).not.toBe('BODY');
}

/**
 * Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached.
 * Focus is checked at every stop, so it never passes through the page body on the way.
 */
export async function tabTo(page: Page, target: Locator, maxStops = 40) {
  for (let stop = 0; stop < maxStops; stop += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
    expect(await focusedTag(page)).not.toBe('BODY');
  }
  throw new Error(`Tab never reached ${target}`);
}
