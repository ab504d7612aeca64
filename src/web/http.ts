/** HTTP plumbing: security headers, request ids, canonical paths, cache presets. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

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
  return (req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    helmetHeaders(req, res, next);
  };
}

/**
 * The request id for pino-http's `genReqId`: the proxy's `X-Request-Id` when
 * it is a plain token, else a new UUID. It is echoed in the response's
 * `X-Request-Id`, so a reader's report of a failure can be found in the log.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
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
