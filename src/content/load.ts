/**
 * Reading a content folder in one go: `loadContent(dir)` lists the files of
 * the contract's layout, reads them with bounded concurrency, parses each
 * once and builds a snapshot. A bad file is reported and left out; the rest
 * still load. The server keeps a ContentLoader instead, to reload only what
 * changed (reloader.ts); the file helpers live in files.ts.
 */
import { ContentLoader } from './reloader.js';
import type { ContentSnapshot } from './snapshot.js';

export { contentKindOf, displayPath, isContentPath, listContentFiles, loadSiteSettings, loadTopics, readContentFile, type ContentFile, type LoadedFile } from './files.js';

export interface LoadOptions {
  /** SITE_URL: overrides site.yaml's `url`. */
  siteUrl?: string;
  /** When the snapshot is stamped as loaded (tests pass a fixed clock). */
  now?: Date;
}

export async function loadContent(dir: string, options: LoadOptions = {}): Promise<ContentSnapshot> {
  const { now, siteUrl } = options;
  return new ContentLoader(dir, { ...(siteUrl ? { siteUrl } : {}), ...(now ? { clock: () => now } : {}) }).load();
}
