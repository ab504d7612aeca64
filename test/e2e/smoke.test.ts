import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext } from './support/browser.js';
import { startSite, type RunningSite } from './support/server.js';

let browser: Browser;
let site: RunningSite;
beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), site?.close()]);
});

it('opens the home page in Chromium', async () => {
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  const response = await page.goto(`${site.url}/`);
  expect(response?.status()).toBe(200);
  expect(await page.locator('h1').count()).toBe(1);
  await context.close();
});
