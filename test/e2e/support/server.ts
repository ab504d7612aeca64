/** The real app, served as server.ts serves it, on an ephemeral loopback port, on a content folder. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { createApp } from '../../../src/app.js';
import { readConfig } from '../../../src/config.js';
import { loadContent } from '../../../src/content/load.js';
import { ContentStore } from '../../../src/content/store.js';
import { createHttpServer } from '../../../src/web/limits.js';
import { siteListener } from '../../../src/web/page-cache.js';

export interface RunningSite {
  url: string;
  store: ContentStore;
  close(): Promise<void>;
}

export const SAMPLE_CONTENT = path.resolve(import.meta.dirname, '../../../content');
/** The sample site's clock: the day it was written for. */
export const SAMPLE_NOW = new Date('2026-11-30T12:00:00Z');

export async function startSite(options: { contentDir?: string; now?: Date; env?: NodeJS.ProcessEnv } = {}): Promise<RunningSite> {
  const contentDir = options.contentDir ?? SAMPLE_CONTENT;
  const config = readConfig({ CONTENT_DIR: contentDir, NODE_ENV: 'production', ...options.env });
  const store = new ContentStore(await loadContent(contentDir, { siteUrl: 'http://127.0.0.1' }), { preview: config.preview });
  const now = options.now ?? SAMPLE_NOW;
  const app = createApp({ config, store, now: () => now });
  const server: Server = await new Promise((resolve) => {
    // As server.ts serves it: cached pages answered before Express.
    const s = createHttpServer(siteListener(app)).listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
