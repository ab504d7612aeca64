/** Per test file: one Chromium, the real site on the sample content, and a folder for screenshots. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { artefactDir, launchBrowser } from './browser.js';
import { startSite, type RunningSite } from './server.js';

export interface Session {
  browser: Browser;
  site: RunningSite;
  /** Where this file's screenshots go: test-results/e2e/NAME/. */
  shots: string;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test. */
export function useSession(name: string): Session {
  const session = {} as Session;
  beforeAll(async () => {
    [session.browser, session.site, session.shots] = await Promise.all([launchBrowser(), startSite(), artefactDir(name)]);
  });
  afterAll(async () => {
    await Promise.all([session.browser?.close(), session.site?.close()]);
  });
  return session;
}
