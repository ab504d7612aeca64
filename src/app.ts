/**
 * createApp(deps) builds the Express application; it has no side effects
 * (no listening, no file watching). Middleware order is the list below.
 */
import path from 'node:path';
import compression from 'compression';
import express, { type Application } from 'express';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import type { ContentStore } from './content/store.js';
import { onFirstUse, openNewsletter, type NewsletterService } from './newsletter/service.js';
import { errorHandler, notFoundHandler } from './web/errors.js';
import { createAssets } from './web/assets.js';
import { CACHE, accessLog, canonicalPaths, securityHeaderList, securityHeaders } from './web/http.js';
import { inputLimits } from './web/limits.js';
import { PageCache, attachFrontDoor, attachPageCache, servePageCache } from './web/page-cache.js';
import { aliasRedirects, articleRoutes } from './web/routes/articles.js';
import { crawlerRoutes } from './web/routes/crawlers.js';
import { healthRoutes } from './web/routes/health.js';
import { homeRoutes } from './web/routes/home.js';
import { jobRoutes } from './web/routes/jobs.js';
import { listingRoutes } from './web/routes/listings.js';
import { newsletterRoutes } from './web/routes/newsletter.js';
import { searchRoutes } from './web/routes/search.js';
import type { RouteDeps } from './web/routes/types.js';
import { createViews } from './web/views.js';

export interface AppDeps {
  config: Config;
  store: ContentStore;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  logger?: Logger;
  /** The newsletter (server.ts opens it; tests pass one on a temp DATA_DIR). Absent: opened from config on first use. */
  newsletter?: NewsletterService;
}

const ROOT = path.resolve(import.meta.dirname, '..');
export const VIEWS_DIR = path.join(ROOT, 'views');
export const PUBLIC_DIR = path.join(ROOT, 'public');

export function createApp(deps: AppDeps): Application {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const routeDeps: RouteDeps = { store: deps.store, now: deps.now ?? (() => new Date()), config: deps.config };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.config.trustProxy);
  const assets = createAssets(PUBLIC_DIR);
  createViews(app, VIEWS_DIR, { watch: !deps.config.production, assets });

  // 1. Request id and access log.
  app.use(accessLog(logger));
  // 2. Security headers on everything; then input limits: over-long, malformed or
  //    traversing addresses, repeated parameters and over-size bodies are 4xx here.
  app.use(securityHeaders({ hsts: deps.config.hsts }));
  app.use(inputLimits());
  // 3. Pages already rendered for this content version, from memory, in the encoding the
  //    client accepts (before compression, which must not recompress them). See page-cache.ts:
  //    the server's listener (siteListener) answers most of these before Express is reached.
  const pageCache = new PageCache({ maxBytes: deps.config.pageCacheBytes });
  const view = () => deps.store.view(routeDeps.now());
  attachPageCache(app, pageCache);
  attachFrontDoor(app, { cache: pageCache, view, headers: securityHeaderList({ hsts: deps.config.hsts }), logger });
  app.use(servePageCache(pageCache, view));
  // 3b. gzip / brotli when the client asks, for everything not served from the page cache.
  app.use(compression());
  // 4. Static files from public/, fingerprinted (only files listed at start-up; never a path from the request).
  app.use('/assets', assets.handler({ immutable: CACHE.immutable, plain: CACHE.page }));
  // 5. Canonical paths: trailing slash and upper case 301 to the canonical form.
  app.use(canonicalPaths());
  // 6. Old article paths (aliases) 301 to the article.
  app.use(aliasRedirects(routeDeps));
  // 7. Pages.
  app.use(healthRoutes(routeDeps));
  app.use(crawlerRoutes(routeDeps));
  app.use(homeRoutes(routeDeps));
  app.use(articleRoutes(routeDeps));
  app.use(listingRoutes(routeDeps));
  app.use(jobRoutes(routeDeps));
  app.use(searchRoutes(routeDeps));
  app.use(newsletterRoutes(routeDeps, deps.newsletter ? () => deps.newsletter! : onFirstUse(() => openNewsletter(deps.config, { site: () => deps.store.snapshot.site, viewsDir: VIEWS_DIR, now: routeDeps.now, logger }))));
  // 8. Unknown paths, then every failure, as the site's own pages.
  app.use(notFoundHandler());
  app.use(errorHandler({ site: () => deps.store.snapshot.site, logger, production: deps.config.production }));
  return app;
}
