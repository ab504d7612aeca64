/** Article search: GET /search?q=. */
import { Router } from 'express';
import type { Page } from '../../content/site-view.js';
import type { SiteSettings } from '../../content/types.js';
import { createArticleSearch } from '../../search/article-search.js';
import { popularTags, searchResultItems } from '../../search/results.js';
import { MAX_QUERY_LENGTH } from '../../search/text.js';
import { pageMeta } from '../../seo/meta.js';
import { notFound } from '../errors.js';
import { queryPage } from '../params.js';
import { renderPage } from '../render.js';
import { searchPath, textParam } from '../search-params.js';
import type { RouteDeps } from './types.js';

export function searchRoutes(deps: RouteDeps): Router {
  const router = Router();
  const articles = createArticleSearch();
  // Index the loaded content in the background, so the first search does not wait for it.
  void articles.warm(deps.store.snapshot);

  /** GET /search?q=WORDS&page=N: articles matching the words, best first, with highlighted snippets. */
  router.get('/search', async (req, res) => {
    const query = textParam(req.query.q, 'search words');
    const requested = queryPage(req.query.page);
    const view = deps.store.view(deps.now());
    const result = query.text ? await articles.search(view, query.text) : undefined;
    const page = view.paginate(result?.hits ?? [], requested);
    if (!page) throw notFound();
    const pathFor = (n: number) => searchPath(query.text, n);
    renderPage(res, 'pages/search.njk', view, {
      section: 'search',
      searchQuery: query.text,
      truncated: query.truncated,
      maxLength: MAX_QUERY_LENGTH,
      result,
      page,
      items: searchResultItems(page.items),
      firstNumber: (page.page - 1) * view.site.perPage + 1,
      suggestedTags: result && !page.total ? popularTags(view) : [],
      pathFor,
      meta: searchMeta(view.site, query.text, page, pathFor),
    }, { cache: true });
  });

  return router;
}

/** Search pages are for readers, not crawlers: noindex, canonical to the page itself. */
function searchMeta(site: SiteSettings, query: string, page: Page<unknown>, pathFor: (n: number) => string) {
  return pageMeta({
    site,
    path: pathFor(page.page),
    title: query ? `Search results for “${query}”${page.page > 1 ? `, page ${page.page}` : ''}` : 'Search',
    description: `Search the news on ${site.name}.`,
    noindex: true,
    ...(page.page > 1 ? { prevPath: pathFor(page.page - 1) } : {}),
    ...(page.page < page.totalPages ? { nextPath: pathFor(page.page + 1) } : {}),
  });
}
