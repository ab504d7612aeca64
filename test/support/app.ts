/** The real app on a fixture content folder, with a fixed clock. */
import path from 'node:path';
import type { Application } from 'express';
import { createApp } from '../../src/app.js';
import { readConfig, type Config } from '../../src/config.js';
import { loadContent } from '../../src/content/load.js';
import type { ContentSnapshot } from '../../src/content/snapshot.js';
import { ContentStore } from '../../src/content/store.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
/** The fixture site's clock: mid-June 2016, after the Sandwell story. */
export const FIXTURE_NOW = new Date('2016-06-15T12:00:00Z');

export interface TestApp {
  app: Application;
  store: ContentStore;
  snapshot: ContentSnapshot;
  config: Config;
}

export async function testApp(options: { contentDir?: string; now?: Date | (() => Date); env?: NodeJS.ProcessEnv } = {}): Promise<TestApp> {
  const contentDir = options.contentDir ?? path.join(FIXTURES, 'site');
  const config = readConfig({ CONTENT_DIR: contentDir, ...options.env });
  const snapshot = await loadContent(contentDir, config.siteUrl ? { siteUrl: config.siteUrl } : {});
  const store = new ContentStore(snapshot, { preview: config.preview });
  const clock = options.now ?? FIXTURE_NOW;
  const now = typeof clock === 'function' ? clock : () => clock;
  return { app: createApp({ config, store, now }), store, snapshot, config };
}
