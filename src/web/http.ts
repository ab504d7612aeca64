/** HTTP plumbing: security headers, canonical paths, cache presets. */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Security headers; the CSP allows nothing inline (JSON-LD data blocks are not scripts that run). */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
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
  page: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
  /** Fingerprinted static assets. */
  immutable: 'public, max-age=31536000, immutable',
} as const;
