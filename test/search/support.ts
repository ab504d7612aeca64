/** The search fixture: a content folder made for ranking, snippets and job filters. */
import path from 'node:path';
import { loadContent } from '../../src/content/load.js';
import { SiteView } from '../../src/content/site-view.js';
import type { ContentSnapshot } from '../../src/content/snapshot.js';
import { FIXTURES } from '../support/app.js';

export const SEARCH_FIXTURE = path.join(FIXTURES, 'search');
/** The search fixture's clock: mid-June 2024, before the scheduled story (1 July). */
export const SEARCH_NOW = new Date('2024-06-15T12:00:00Z');

export async function searchSnapshot(): Promise<ContentSnapshot> {
  return loadContent(SEARCH_FIXTURE);
}

export function viewAt(snapshot: ContentSnapshot, now = SEARCH_NOW, preview = false): SiteView {
  return new SiteView(snapshot, now, { preview });
}
