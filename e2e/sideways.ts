import type { Page } from '@playwright/test';

/**
 * What in the page's main content reaches past the right edge of the window
 * (a sideways scroll), leaving out what sits inside a box that scrolls or
 * clips it (a wide table scrolling inside its card). The header is the
 * navigation's own concern.
 */
export function pastTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 1;
    const inside = (el: Element) => {
      for (let p = el.parentElement; p && p.tagName !== 'MAIN'; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX) && p.getBoundingClientRect().right <= edge) return true;
      }
      return false;
    };
    return [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > edge && !inside(el))
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}" reaches ${Math.round(el.getBoundingClientRect().right)} px`);
  });
}
