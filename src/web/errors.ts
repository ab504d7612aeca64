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

/**
 * Renders pages/error.njk for every failure. A failure is that request's
 * alone: 5xx are logged with the request id (also sent as `X-Request-Id`),
 * the reader never sees a stack in production, and if the error page itself
 * cannot be rendered a plain-text page is sent instead.
 */
export function errorHandler(deps: { site: () => SiteSettings; logger: Logger; production: boolean }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const code = statusOf(error);
    if (code >= 500) deps.logger.error({ err: error, url: req.originalUrl, reqId: req.id }, 'request failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const title = TITLES[code] ?? (code >= 500 ? 'Something went wrong' : 'Request not accepted');
    const exposed = isHttpError(error) && error.expose ? error.message : undefined;
    const detail = code >= 500 ? undefined : exposed !== title ? exposed : undefined;
    res.status(code);
    res.set('Cache-Control', code === 404 || code === 410 ? 'public, max-age=60' : 'no-store');
    // An unread request body is not worth keeping the connection for.
    if (code === 413) res.set('Connection', 'close');
    const fallback = (cause: unknown) => {
      deps.logger.error({ err: cause, url: req.originalUrl, reqId: req.id }, 'error page failed');
      if (!res.headersSent) res.type('text/plain').send(`${code} ${title}\n`);
    };
    try {
      const site = deps.site();
      res.render(
        'pages/error.njk',
        {
          site,
          status: code,
          title,
          detail,
          stack: !deps.production && code >= 500 && error instanceof Error ? error.stack : undefined,
          meta: pageMeta({ site, path: req.path, title, noindex: true }),
        },
        (renderError: Error | null, html?: string) => (renderError ? fallback(renderError) : res.send(html)),
      );
    } catch (cause) {
      fallback(cause);
    }
  };
}

/** The HTTP status for a failure: its own 4xx/5xx status (http-errors, body parsers), else 500. */
function statusOf(error: unknown): number {
  if (isHttpError(error)) return error.status;
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
