import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The narrowest phone and the widest desktop the pages must fit, and the two screenshotted. */
export const CHECKED_WIDTHS = [360, 390, 1280, 1440] as const;
const SHOT_WIDTHS = new Set<number>([390, 1280]);

/** Screenshots of every state go beside the other artifacts, or where E2E_SHOTS_DIR says. */
const shotsDir = process.env.E2E_SHOTS_DIR ?? 'test-results/screenshots/layout';

/**
 * How far the page (and an open modal) reaches past the viewport's right edge. A table that scrolls
 * inside its own region does not count: only the page or the dialog scrolling sideways does.
 */
async function sideScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const dialog = document.querySelector('dialog[open]');
    // For the failure message: the outermost elements reaching past the right edge.
    const past = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((el, _, all) => !all.some((other) => other !== el && other.contains(el)))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return {
      page: root.scrollWidth - root.clientWidth,
      dialog: dialog ? dialog.scrollWidth - dialog.clientWidth : 0,
      past: root.scrollWidth > root.clientWidth ? past : [],
    };
  });
}

/** Serious and critical axe findings, as "rule: target" lines so a failure says where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

/**
 * The state on screen at every checked width: no sideways scroll of the page or the modal, no
 * serious axe finding, and a screenshot at phone and desktop width. Soft assertions, so one run
 * reports every width and state that fails rather than only the first.
 */
export async function checkLayout(page: Page, state: string) {
  const original = page.viewportSize();
  for (const width of CHECKED_WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    const overflow = await sideScroll(page);
    expect
      .soft(overflow, `${state} at ${width}px scrolls sideways`)
      .toEqual({ page: 0, dialog: 0, past: [] });
    if (SHOT_WIDTHS.has(width)) {
      await page.screenshot({ path: `${shotsDir}/${state}-${width}.png`, fullPage: true });
      expect.soft(await seriousViolations(page), `${state} at ${width}px: axe`).toEqual([]);
    }
  }
  if (original) await page.setViewportSize(original);
}
