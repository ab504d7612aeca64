/** Tag and author pages: articles filed under a name, newest first. */
import { Router } from 'express';
import { bodyHtml } from '../../content/bodies.js';
import type { Page } from '../../content/site-view.js';
import type { Article } from '../../content/types.js';
import { pageMeta } from '../../seo/meta.js';
import { notFound } from '../errors.js';
import { pageParam, slugParam } from '../params.js';
import { renderPage } from '../render.js';
import type { RouteDeps } from './types.js';

export function listingRoutes(deps: RouteDeps): Router {
  const router = Router();

  /** GET /tags/:slug/page/1 and /authors/:slug/page/1: the first page lives at the bare path. */
  router.get(['/tags/:slug/page/1', '/authors/:slug/page/1'], (req, res) => {
    res.redirect(301, req.path.replace(/\/page\/1$/, ''));
  });

  /** GET /tags/:slug{/page/:page}: articles with that tag. */
  router.get('/tags/:slug{/page/:page}', (req, res) => {
    const view = deps.store.view(deps.now());
    const listing = view.tags.get(slugParam(req.params.slug));
    if (!listing) throw notFound();
    const page = view.paginate(listing.articles, pageParam(req.params.page));
    if (!page) throw notFound();
    const base = `/tags/${listing.tag.slug}`;
    renderPage(res, 'pages/listing.njk', view, {
      kind: 'tag',
      heading: listing.tag.name,
      page,
      base,
      meta: listingMeta(view.site, base, listing.tag.name, page, `The latest news about ${listing.tag.name} from ${view.site.name}.`),
    }, { cache: true });
  });

  /** GET /authors/:slug{/page/:page}: an author's profile (when there is one) and articles. */
  router.get('/authors/:slug{/page/:page}', (req, res) => {
    const view = deps.store.view(deps.now());
    const listing = view.authors.get(slugParam(req.params.slug));
    if (!listing) throw notFound();
    const page = view.paginate(listing.articles, pageParam(req.params.page));
    if (!page) throw notFound();
    const base = `/authors/${listing.author.slug}`;
    const profile = listing.profile;
    renderPage(res, 'pages/listing.njk', view, {
      kind: 'author',
      heading: listing.author.name,
      profile,
      bioHtml: profile ? bodyHtml(profile) : undefined,
      page,
      base,
      meta: listingMeta(view.site, base, listing.author.name, page, profile?.role ? `${listing.author.name}, ${profile.role}: articles on ${view.site.name}.` : `Articles by ${listing.author.name} on ${view.site.name}.`),
    }, { cache: true });
  });

  return router;
}

function listingMeta(site: Parameters<typeof pageMeta>[0]['site'], base: string, name: string, page: Page<Article>, description: string) {
  const pathFor = (n: number) => (n === 1 ? base : `${base}/page/${n}`);
  return pageMeta({
    site,
    path: pathFor(page.page),
    title: page.page > 1 ? `${name}, page ${page.page}` : name,
    description,
    ...(page.page > 1 ? { prevPath: pathFor(page.page - 1) } : {}),
    ...(page.page < page.totalPages ? { nextPath: pathFor(page.page + 1) } : {}),
  });
}
