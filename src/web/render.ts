/** The one way pages are rendered: the view model plus what every page's layout needs. */
import type { Response } from 'express';
import type { SiteView } from '../content/site-view.js';
import type { Article } from '../content/types.js';
import { popularTags } from '../search/results.js';
import { pageLastModified, representation, sendRepresentation } from './conditional.js';
import { CACHE } from './http.js';
import { sendCached } from './page-cache.js';

/** How many topics the header lists after Latest and Jobs: the ones with the most articles. */
const HEADER_TAGS = 4;

export interface LayoutModel {
  /** Which header section is current: `latest`, `jobs`, `search`. */
  section?: string;
}

/** An article's publication state in `view`, for the preview labels on cards: `draft`, `scheduled` or `published`. */
function articleStatus(view: SiteView): (article: Article) => string {
  return (article) => (article.draft ? 'draft' : view.isScheduled(article) ? 'scheduled' : 'published');
}

export interface RenderOptions {
  /**
   * Keep the page in the page cache and answer later requests for the same URL
   * from it, until the view's version changes. Only for pages whose bytes
   * depend on nothing but the URL (path and query) and the view: never for
   * forms with tokens or debug output.
   */
  cache?: boolean;
  /** Cache-Control instead of the page default (e.g. `no-store` for pages about one reader). */
  cacheControl?: string;
}

export function renderPage(res: Response, template: string, view: SiteView, model: Record<string, unknown> & LayoutModel, options: RenderOptions = {}): void {
  res.render(template, { site: view.site, preview: view.options.preview, articleStatus: articleStatus(view), sectionTags: popularTags(view).slice(0, HEADER_TAGS), ...model }, (error: Error | null, html?: string) => {
    if (error) return res.req.next?.(error);
    const rep = representation(html ?? '', 'text/html; charset=utf-8', pageLastModified(view, model), options.cacheControl ?? (view.options.preview ? CACHE.preview : CACHE.page));
    if (options.cache) sendCached(res.req, res, view, rep);
    else sendRepresentation(res.req, res, rep);
  });
}
