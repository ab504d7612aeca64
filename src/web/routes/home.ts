/** The home page and its older pages. */
import { Router } from 'express';
import { pageMeta } from '../../seo/meta.js';
import { homePageJsonLd, jsonLdScript } from '../../seo/structured-data.js';
import { notFound } from '../errors.js';
import { pageParam } from '../params.js';
import { renderPage } from '../render.js';
import type { RouteDeps } from './types.js';

export function homeRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /page/1: the first page is the home page. */
  router.get('/page/1', (_req, res) => res.redirect(301, '/'));

  /** GET / and /page/:page: latest articles, newest first. */
  router.get('/{page/:page}', (req, res) => {
    const view = deps.store.view(deps.now());
    const page = view.paginate(view.articles, pageParam(req.params.page));
    if (!page) throw notFound();
    const pathFor = (n: number) => (n === 1 ? '/' : `/page/${n}`);
    renderPage(res, 'pages/home.njk', view, {
      section: 'latest',
      page,
      pathFor: pathFor,
      jsonLd: page.page === 1 ? jsonLdScript(homePageJsonLd(view.site)) : undefined,
      meta: pageMeta({
        site: view.site,
        path: pathFor(page.page),
        ...(page.page > 1 ? { title: `Latest news, page ${page.page}` } : {}),
        ...(page.page > 1 ? { prevPath: pathFor(page.page - 1) } : {}),
        ...(page.page < page.totalPages ? { nextPath: pathFor(page.page + 1) } : {}),
      }),
    }, { cache: true });
  });

  return router;
}
