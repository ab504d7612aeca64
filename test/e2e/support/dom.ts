/**
 * Small questions asked inside the page. The project compiles without the DOM
 * library (it is a Node app), so the page's globals are typed here, narrowly.
 */
import type { Locator, Page } from 'playwright-core';

interface PageGlobals {
  getComputedStyle(el: unknown, pseudo?: string): Record<string, string>;
  document: { activeElement: { closest(selector: string): unknown } | null; documentElement: { scrollWidth: number; clientWidth: number } };
}

/** A computed style property of the first element a locator finds (`pseudo`: '::after'). */
export function computedStyle(locator: Locator, property: string, pseudo?: string): Promise<string> {
  return locator.first().evaluate(
    (el, [prop, pseudoElt]) => (globalThis as unknown as PageGlobals).getComputedStyle(el, pseudoElt ?? undefined)[prop!] ?? '',
    [property, pseudo ?? null] as const,
  );
}

/** Whether the focused element is inside `selector`. */
export function focusIsWithin(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => Boolean((globalThis as unknown as PageGlobals).document.activeElement?.closest(sel)), selector);
}

/** How many pixels the page scrolls sideways (0 when it fits the viewport). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as PageGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}
