/**
 * What crawlers and feed readers fetch: robots.txt, sitemaps, feeds.
 * Each output is generated once per view (content version and publication
 * period), kept with its ETag, and sent through the conditional-GET helper.
 */
import { Router, type Request, type Response } from 'express';
import { bodyHtml } from '../../content/bodies.js';
import type { SiteView } from '../../content/site-view.js';
import type { Article } from '../../content/types.js';
import { newestChange } from '../../seo/dates.js';
import { FEED_SIZE, atomXml, rssXml, type FeedSpec } from '../../seo/feeds.js';
import { robotsTxt } from '../../seo/robots.js';
import { MAX_SITEMAP_URLS, newestLastmod, newsArticles, newsSitemapXml, publishedArticles, sitemapChunks, sitemapEntries, sitemapIndexXml, sitemapXml } from '../../seo/sitemaps.js';
import { notAfter, representation, sendRepresentation, type Representation } from '../conditional.js';
import { notFound } from '../errors.js';
import { sendCached } from '../page-cache.js';
import { pageParam, slugParam } from '../params.js';
import type { RouteDeps } from './types.js';

const TYPES = { xml: 'application/xml; charset=utf-8', rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8', text: 'text/plain; charset=utf-8' };

const perView = new WeakMap<SiteView, Map<string, unknown>>();

/** `build()` once per view and key; a miss (undefined) is not kept, so unknown names cannot fill the cache. */
function memo<T>(view: SiteView, key: string, build: () => T): T {
  let cache = perView.get(view);
  if (!cache) perView.set(view, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  const value = build();
  if (value !== undefined) cache.set(key, value);
  return value;
}

export function crawlerRoutes(deps: RouteDeps): Router {
  const router = Router();
  // Sent through the page cache (kept with its compressed forms, per URL and view), except what depends on the clock itself.
  const send = (req: Request, res: Response, key: string, build: (view: SiteView) => Representation | undefined, byUrl = true) => {
    const view = deps.store.view(deps.now());
    const output = memo(view, key, () => build(view));
    if (!output) throw notFound();
    if (byUrl) sendCached(req, res, view, output);
    else sendRepresentation(req, res, output);
  };
  const entries = (view: SiteView) => memo(view, 'sitemap-entries', () => sitemapChunks(sitemapEntries(view), MAX_SITEMAP_URLS));
  const lastModified = (view: SiteView, date: Date | undefined) => notAfter(date ?? view.snapshot.loadedAt, view.now);

  /** GET /robots.txt: what crawlers may fetch, and where both sitemaps are. */
  router.get('/robots.txt', (req, res) => send(req, res, 'robots', (view) => representation(robotsTxt(view.site, view.options), TYPES.text, lastModified(view, undefined))));

  /** GET /sitemap.xml: every public page; past 50,000 URLs, an index of /sitemap-N.xml. */
  router.get('/sitemap.xml', (req, res) =>
    send(req, res, 'sitemap', (view) => {
      const chunks = entries(view);
      const newest = lastModified(view, newestLastmod(chunks.flat()));
      if (chunks.length <= 1) return representation(sitemapXml(chunks[0] ?? [], view.site), TYPES.xml, newest);
      const children = chunks.map((chunk, index) => ({ path: `/sitemap-${index + 1}.xml`, ...withLastmod(newestLastmod(chunk)) }));
      return representation(sitemapIndexXml(children, view.site), TYPES.xml, newest);
    }),
  );

  /** GET /sitemap-:number.xml: one child sitemap of the index (404 while the site fits in one). */
  router.get('/sitemap-:number.xml', (req, res) => {
    const number = pageParam(req.params.number);
    send(req, res, `sitemap-${number}`, (view) => {
      const chunks = entries(view);
      const chunk = chunks.length > 1 ? chunks[number - 1] : undefined;
      return chunk && representation(sitemapXml(chunk, view.site), TYPES.xml, lastModified(view, newestLastmod(chunk)));
    });
  });

  /**
   * GET /news-sitemap.xml: Google News sitemap, articles of the last 48 hours.
   * It depends on the clock as well as the view (articles age out of the
   * window), so it is keyed on the window's contents, never on the view alone.
   */
  router.get('/news-sitemap.xml', (req, res) => {
    const view = deps.store.view(deps.now());
    const articles = newsArticles(publishedArticles(view), deps.now(), view.site);
    send(req, res, `news-${articles.length}`, () => representation(newsSitemapXml(articles, view.site), TYPES.xml, lastModified(view, articles[0]?.date)), false);
  });

  /** GET /feed.xml and /atom.xml: the newest 50 articles as RSS 2.0 and Atom 1.0. */
  for (const [path, format] of [['/feed.xml', 'rss'], ['/atom.xml', 'atom']] as const) {
    router.get(path, (req, res) =>
      send(req, res, path, (view) => {
        const description = view.site.description || `The latest news from ${view.site.name}.`;
        return feed(view, format, { title: view.site.name, description, path: '/', selfPath: path }, publishedArticles(view));
      }),
    );
  }

  /** GET /tags/:slug/feed.xml: the newest 50 articles with that tag, as RSS 2.0. */
  router.get('/tags/:slug/feed.xml', (req, res) => {
    const slug = slugParam(req.params.slug);
    send(req, res, `tag-feed-${slug}`, (view) => {
      const listing = view.tags.get(slug);
      const articles = listing ? publishedArticles(view, listing.articles) : [];
      if (!listing || !articles.length) return undefined;
      const spec = { title: `${view.site.name}: ${listing.tag.name}`, description: `The latest news about ${listing.tag.name} from ${view.site.name}.`, path: `/tags/${slug}`, selfPath: `/tags/${slug}/feed.xml` };
      return feed(view, 'rss', spec, articles);
    });
  });

  return router;
}

function feed(view: SiteView, format: 'rss' | 'atom', page: Pick<FeedSpec, 'title' | 'description' | 'path' | 'selfPath'>, all: readonly Article[]): Representation {
  const articles = all.slice(0, FEED_SIZE);
  const updated = notAfter(newestChange(articles, view.snapshot.loadedAt), view.now);
  const spec: FeedSpec = { ...page, site: view.site, articles, updated, bodyHtml };
  return format === 'rss' ? representation(rssXml(spec), TYPES.rss, updated) : representation(atomXml(spec), TYPES.atom, updated);
}

function withLastmod(lastmod: Date | undefined): { lastmod?: Date } {
  return lastmod ? { lastmod } : {};
}
