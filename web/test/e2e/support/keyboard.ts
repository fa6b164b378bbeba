// Moving through a page the way a keyboard user does: Tab (or Shift+Tab) one
// stop at a time, checking at every stop that focus can be seen, until the
// wanted control has focus.
import type { Locator, Page } from 'playwright-core';
import { expectVisibleFocus, type FocusStop } from './focus-ring.js';

/** Stops passed on the way, so a failure can say where focus went instead. */
export interface TabTrail {
  readonly stops: readonly string[];
}

export async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/**
 * Presses Tab until `target` has focus, asserting visible focus at each stop;
 * throws naming the stops it passed if `target` is not reached in `maxStops`.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { readonly backwards?: boolean; readonly maxStops?: number } = {},
): Promise<FocusStop> {
  await target.waitFor();
  const passed: string[] = [];
  for (let i = 0; i < (options.maxStops ?? 60); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const stop = await expectVisibleFocus(page).catch((error: Error) => {
      throw new Error(`${error.message}\n  after: ${passed.join(' → ')}`);
    });
    if (await hasFocus(target)) return stop;
    passed.push(stop.description);
  }
  throw new Error(`Tab never reached ${target}; it passed: ${passed.join(' → ')}`);
}

/** Asserts `target` has focus now (after Enter opened or Escape closed something), and that it shows. */
export async function expectFocusOn(page: Page, target: Locator, after: string): Promise<void> {
  if (!(await hasFocus(target))) {
    const stop = await page.evaluate(() => {
      const element = document.activeElement;
      return element === null || element === document.body
        ? 'the page itself'
        : `<${element.tagName.toLowerCase()}> "${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 60)}"`;
    });
    throw new Error(`after ${after}, focus is on ${stop} instead of ${target}`);
  }
  await expectVisibleFocus(page);
}
