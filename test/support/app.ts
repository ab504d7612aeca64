/** The real app on a fixture content folder, with a fixed clock. */
import path from 'node:path';
import type { Application } from 'express';
import { createApp } from '../../src/app.js';
import { readConfig, type Config } from '../../src/config.js';
import { loadContent } from '../../src/content/load.js';
import type { ContentSnapshot } from '../../src/content/snapshot.js';
import { ContentStore } from '../../src/content/store.js';
import type { NewsletterService } from '../../src/newsletter/service.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
/** The fixture site's clock: mid-June 2016, after the Sandwell story. */
export const FIXTURE_NOW = new Date('2016-06-15T12:00:00Z');

export interface TestApp {
  app: Application;
  store: ContentStore;
  snapshot: ContentSnapshot;
  config: Config;
}

/** `newsletter` builds the app's newsletter service (tests give it a temp DATA_DIR); without it the app opens one on first use. */
type NewsletterFactory = (parts: { config: Config; store: ContentStore; now: () => Date }) => NewsletterService;

export async function testApp(options: { contentDir?: string; now?: Date | (() => Date); env?: NodeJS.ProcessEnv; newsletter?: NewsletterFactory } = {}): Promise<TestApp> {
  const contentDir = options.contentDir ?? path.join(FIXTURES, 'site');
  const config = readConfig({ CONTENT_DIR: contentDir, ...options.env });
  const snapshot = await loadContent(contentDir, config.siteUrl ? { siteUrl: config.siteUrl } : {});
  const store = new ContentStore(snapshot, { preview: config.preview });
  const clock = options.now ?? FIXTURE_NOW;
  const now = typeof clock === 'function' ? clock : () => clock;
  const newsletter = options.newsletter?.({ config, store, now });
  return { app: createApp({ config, store, now, ...(newsletter ? { newsletter } : {}) }), store, snapshot, config };
}
