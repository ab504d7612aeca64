/** HTTP plumbing: security headers, request ids, canonical paths, cache presets. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';

export interface SecurityOptions {
  /** HSTS=1: the site is served over HTTPS only (behind a TLS proxy); browsers are told to use HTTPS for a year. */
  hsts: boolean;
}

/**
 * Security headers. The CSP allows scripts, styles and fonts from this origin
 * only and nothing inline: the site's pages use no inline script or style, and
 * the JSON-LD `<script type="application/ld+json">` is a data block, which CSP
 * does not govern because it never runs. Framing is refused (CSP and
 * X-Frame-Options), MIME sniffing is off, and referrers stop at the origin
 * when leaving the site. Express's X-Powered-By is disabled in createApp.
 */
export function securityHeaders(options: SecurityOptions = { hsts: false }): RequestHandler {
  const headers = securityHeaderList(options);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** The security headers every response carries (see securityHeaders), as name–value pairs. */
export function securityHeaderList(options: SecurityOptions = { hsts: false }): Array<[string, string]> {
  const helmetHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'none'"],
        workerSrc: ["'none'"],
        manifestSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.hsts ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.hsts ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true, preload: false } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    crossOriginEmbedderPolicy: false,
  });
  // helmet's headers do not depend on the request: take them once, then set them in one pass per response.
  const headers = capturedHeaders(helmetHeaders);
  headers.push(['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()']);
  return headers;
}

/**
 * The headers a request-independent middleware sets, captured by running it
 * once on a stand-in response. Throws if it does anything else (removing a
 * header other than X-Powered-By, ending the response, or not calling next),
 * so a helmet upgrade that starts depending on the request fails loudly.
 */
function capturedHeaders(middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void): Array<[string, string]> {
  const headers = new Map<string, string>();
  let passed = false;
  const stand = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => {
      if (name.toLowerCase() !== 'x-powered-by') throw new Error(`security headers: unexpected removal of ${name}`);
    },
    getHeader: (name: string) => headers.get(name),
  };
  middleware({ headers: {}, method: 'GET', url: '/' } as IncomingMessage, stand as unknown as ServerResponse, (error) => {
    if (error) throw error;
    passed = true;
  });
  if (!passed) throw new Error('security headers: the middleware did not pass the request on');
  return [...headers];
}

/**
 * The request id: the proxy's `X-Request-Id` when it is a plain token, else a
 * new UUID. It is echoed in the response's `X-Request-Id`, so a reader's
 * report of a failure can be found in the log.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req);
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The request's id (see requestId), without setting the response header. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by accessLog(): the request's id, as logged and echoed in X-Request-Id. */
    id?: string;
  }
}

/**
 * Gives each request its id and writes one access-log line when the response
 * is finished: `{ reqId, method, url, status, ms }`. Measured: pino-http's
 * per-request child logger and full request/response serialisation cost
 * about a fifth of the time of a page served from the cache; this does only
 * what the log needs, and nothing when the level is above `info`.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    req.id = requestId(req, res);
    if (logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.once('finish', () => logRequest(logger, req, req.originalUrl, res.statusCode, started));
    }
    next();
  };
}

/** The access-log line of one request (see accessLog). */
export function logRequest(logger: Logger, req: IncomingMessage, url: string | undefined, status: number, started: number): void {
  logger.info({ reqId: req.id, method: req.method, url, status, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
}

/**
 * A trailing slash or upper-case letters on a page path answer 301 to the
 * canonical form. The target is always a single-slash path on this site,
 * never `//host` (an open redirect).
 */
export function canonicalPaths(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const { path } = req;
    if (path.startsWith('/assets/')) return next();
    const canonical = `/${path.toLowerCase().replace(/^\/+/, '').replace(/\/+$/, '')}`.replace(/\/{2,}/g, '/');
    if (canonical === path) return next();
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, canonical + (query >= 0 ? req.originalUrl.slice(query) : ''));
  };
}

export const CACHE = {
  /** HTML pages, feeds, sitemaps: short in browsers, longer at a CDN, served stale while it refetches. */
  page: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400',
  /** A PREVIEW server's pages (drafts): never stored by a shared cache. */
  preview: 'private, no-store',
  /** Fingerprinted static assets. */
  immutable: 'public, max-age=31536000, immutable',
} as const;
