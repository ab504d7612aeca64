/**
 * createApp(deps) builds the Express application; it has no side effects
 * (no listening, no file watching). Middleware order is the list below.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import express, { type Application } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import type { ContentStore } from './content/store.js';
import { errorHandler, notFoundHandler } from './web/errors.js';
import { CACHE, canonicalPaths, securityHeaders } from './web/http.js';
import { aliasRedirects, articleRoutes } from './web/routes/articles.js';
import { healthRoutes } from './web/routes/health.js';
import { homeRoutes } from './web/routes/home.js';
import { jobRoutes } from './web/routes/jobs.js';
import { listingRoutes } from './web/routes/listings.js';
import type { RouteDeps } from './web/routes/types.js';
import { createViews } from './web/views.js';

export interface AppDeps {
  config: Config;
  store: ContentStore;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  logger?: Logger;
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
  createViews(app, VIEWS_DIR, { watch: !deps.config.production });

  // 1. Request id and access log.
  app.use(pinoHttp({ logger, genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(), quietReqLogger: true }));
  // 2. Security headers on everything.
  app.use(securityHeaders());
  // 3. gzip / brotli when the client asks.
  app.use(compression());
  // 4. Static files (never a path outside public/).
  app.use('/assets', express.static(PUBLIC_DIR, { index: false, dotfiles: 'ignore', redirect: false, setHeaders: (res) => res.set('Cache-Control', CACHE.page) }));
  // 5. Canonical paths: trailing slash and upper case 301 to the canonical form.
  app.use(canonicalPaths());
  // 6. Old article paths (aliases) 301 to the article.
  app.use(aliasRedirects(routeDeps));
  // 7. Pages.
  app.use(healthRoutes(routeDeps));
  app.use(homeRoutes(routeDeps));
  app.use(articleRoutes(routeDeps));
  app.use(listingRoutes(routeDeps));
  app.use(jobRoutes(routeDeps));
  // 8. Unknown paths, then every failure, as the site's own pages.
  app.use(notFoundHandler());
  app.use(errorHandler({ site: () => deps.store.snapshot.site, logger, production: deps.config.production }));
  return app;
}
