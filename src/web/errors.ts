/** HTTP failures are values (http-errors), turned into pages by one handler. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import createHttpError, { isHttpError } from 'http-errors';
import type { Logger } from 'pino';
import type { SiteSettings } from '../content/types.js';
import { pageMeta } from '../seo/meta.js';

export const notFound = (message = 'Page not found'): Error => createHttpError(404, message);
export const gone = (message = 'Gone'): Error => createHttpError(410, message);
export const badRequest = (message: string): Error => createHttpError(400, message);

/** Unknown paths: the site's own 404 page. */
export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(notFound());
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Page not found',
  405: 'Method not allowed',
  410: 'No longer available',
  413: 'Request too large',
  414: 'Address too long',
  429: 'Too many requests',
  431: 'Request headers too large',
};

/** Renders pages/error.njk for every failure; never shows a stack in production, logs 5xx. */
export function errorHandler(deps: { site: () => SiteSettings; logger: Logger; production: boolean }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = isHttpError(error) ? error.status : typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    const code = status >= 400 && status < 600 ? status : 500;
    if (code >= 500) deps.logger.error({ err: error, url: req.originalUrl, reqId: req.id }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const site = deps.site();
    const title = TITLES[code] ?? (code >= 500 ? 'Something went wrong' : 'Request not accepted');
    const exposed = isHttpError(error) && error.expose ? error.message : undefined;
    const detail = code >= 500 ? undefined : exposed !== title ? exposed : undefined;
    res.status(code);
    res.set('Cache-Control', code === 404 || code === 410 ? 'public, max-age=60' : 'no-store');
    res.render('pages/error.njk', {
      site,
      status: code,
      title,
      detail,
      stack: !deps.production && code >= 500 && error instanceof Error ? error.stack : undefined,
      meta: pageMeta({ site, path: req.path, title, noindex: true }),
    });
  };
}
