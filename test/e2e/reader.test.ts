/**
 * A reader's journeys in Chromium against the real server on the sample
 * content, at a desktop (1280 px) and a phone (390 px) width: home → article →
 * the jobs sidebar → a job; the search box; the job filters; a missing page.
 * Full-page screenshots go to test-results/e2e/reader/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newContext, type Width } from './support/browser.js';
import { computedStyle, focusIsWithin } from './support/dom.js';
import { useSession } from './support/session.js';

const session = useSession('reader');

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not visible`);
  return found;
};

describe.each([1280, 390] as Width[])('at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(session.shots, `${name}-${width}.png`), fullPage: true });
  beforeEach(async () => {
    context = await newContext(session.browser, width);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it('goes from the home page to an article, sees its jobs sidebar and opens a job', async () => {
    expect((await page.goto(`${session.site.url}/`))?.status()).toBe(200);
    await shot('home');
    const first = page.locator('main .card__title a').first();
    const title = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/news\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(title);

    const sidebar = page.locator('aside#related-jobs');
    expect(await sidebar.isVisible()).toBe(true);
    const jobLinks = sidebar.locator('.job-card__title a');
    expect(await jobLinks.count()).toBeGreaterThan(0);
    for (const href of await jobLinks.evaluateAll((links) => links.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^\/jobs\/[a-z0-9-]+$/);
    expect(await jobLinks.first().isVisible()).toBe(true);

    // Beside the article on a wide screen, after it on a phone.
    const article = await box(page, 'main');
    const aside = await box(page, 'aside#related-jobs');
    if (width === 1280) {
      expect(aside.x).toBeGreaterThanOrEqual(article.x + article.width);
      expect(aside.y).toBeLessThan(article.y + 100);
    } else {
      expect(aside.y).toBeGreaterThanOrEqual(article.y + article.height);
      expect(aside.width).toBeGreaterThan(width * 0.8);
    }
    await shot('article');

    const jobTitle = (await jobLinks.first().innerText()).trim();
    await jobLinks.first().click();
    await page.waitForURL(/\/jobs\/[a-z0-9-]+$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(jobTitle);
    expect(await page.locator('.job__facts').isVisible()).toBe(true);
    await shot('job');
  });

  it('searches from the header search box and opens a result', async () => {
    await page.goto(`${session.site.url}/`);
    const box = page.getByRole('searchbox', { name: 'Search news' });
    await box.fill('Sandwell trust');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=Sandwell\+trust/);
    const results = page.locator('main .search-result__title a');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('main mark').first().isVisible()).toBe(true);
    await shot('search');
    await results.first().click();
    await page.waitForURL(/\/news\//);
    expect(await page.locator('aside#related-jobs').isVisible()).toBe(true);

    const again = page.getByRole('searchbox', { name: 'Search news' });
    await again.fill('zzyzxqwv');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/search\?q=zzyzxqwv/);
    expect(await page.locator('main').innerText()).toContain('No results');
    await shot('search-empty');
  });

  it('narrows the jobs list with the filters', async () => {
    await page.goto(`${session.site.url}/jobs`);
    const all = await page.locator('.job-list .job-card').count();
    expect(all).toBeGreaterThan(1);
    await page.getByLabel('Location').fill('Essex');
    await page.getByRole('button', { name: 'Show jobs' }).click();
    await page.waitForURL(/location=Essex/);
    const locations = await page.locator('.job-list .job-card__location').allInnerTexts();
    expect(locations.length).toBeGreaterThan(0);
    expect(locations.length).toBeLessThan(all);
    for (const location of locations) expect(location).toContain('Essex');
    expect(await page.getByLabel('Location').inputValue()).toBe('Essex');
    await shot('jobs-filtered');
    await page.getByRole('link', { name: 'Reset filters' }).first().click();
    await page.waitForURL(/\/jobs$/);
    expect(await page.locator('.job-list .job-card').count()).toBe(all);
  });

  it('starts keyboard users with a visible skip link and a visible focus ring', async () => {
    await page.goto(`${session.site.url}/`);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    expect(await focusIsWithin(page, '.skip-link')).toBe(true);
    const where = await box(page, '.skip-link');
    expect(where.y).toBeGreaterThanOrEqual(0);
    expect(await computedStyle(skip, 'outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    await page.keyboard.press('Tab');
    // The next stop is inside the main content, not back in the header.
    expect(await focusIsWithin(page, 'main')).toBe(true);
  });

  it('prints an article without navigation, sidebar or forms, and with link addresses', async () => {
    await page.goto(`${session.site.url}/`);
    await page.locator('main .card__title a').first().click();
    await page.waitForURL(/\/news\//);
    await page.emulateMedia({ media: 'print' });
    const hidden = async (selector: string) => (await computedStyle(page.locator(selector), 'display')) === 'none';
    for (const selector of ['aside#related-jobs', '.site-nav', '.site-search', '.site-footer']) expect(await hidden(selector), selector).toBe(true);
    expect(await page.locator('h1').isVisible()).toBe(true);
    // The newest sample article links to another story in its text.
    const link = page.locator('.article__body a[href]').first();
    expect(await link.count()).toBe(1);
    const href = await link.getAttribute('href');
    expect(await computedStyle(link, 'content', '::after')).toContain(href);
    await page.pdf({ path: path.join(session.shots, `article-print-${width}.pdf`), format: 'A4' });
    await shot('article-print');
  });

  it('shows the site’s own page for a missing address', async () => {
    const response = await page.goto(`${session.site.url}/news/no-such-story`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    expect(await page.locator('.site-header').isVisible()).toBe(true);
    await shot('not-found');
    await page.getByRole('link', { name: 'Go to the latest news' }).click();
    await page.waitForURL(`${session.site.url}/`);
    expect(await page.locator('main .card').count()).toBeGreaterThan(0);
  });
});
