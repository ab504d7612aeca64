/**
 * What stands in front of the newsletter's form posts: a strict same-origin
 * check (CSRF), a per-IP rate limit and a small body cap. Pages carrying the
 * form are cached and shared, so there is no per-reader CSRF token to embed;
 * instead a post must say, in its Origin header (or, failing that, its
 * Referer), that it came from a page of this site.
 */
import express, { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import createHttpError from 'http-errors';
import type { SiteSettings } from '../../content/types.js';

/** Bodies over this are refused with 413: an email address and a honeypot need far less. */
export const FORM_BODY_LIMIT = '2kb';

export function formBody(): RequestHandler {
  return express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 10 });
}

/** 403 unless Origin (else Referer) is the site's configured origin or the origin the request was sent to. */
export function sameOrigin(site: () => SiteSettings): RequestHandler {
  return (req, _res, next) => {
    const claimed = originOf(req.get('origin')) ?? originOf(req.get('referer'));
    const allowed = [originOf(site().url), originOf(`${req.protocol}://${req.get('host')}`)];
    if (claimed && allowed.includes(claimed)) return next();
    next(createHttpError(403, 'This form was sent from another website, so it was not accepted. Please use the sign-up form on this site.'));
  };
}

/** Per-IP limit on sign-ups; over it, the site's 429 page with Retry-After. */
export function signUpLimit(options: { limit: number; windowMs: number }): RequestHandler {
  const minutes = Math.max(1, Math.round(options.windowMs / 60_000));
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(createHttpError(429, `Too many sign-ups from your network. Please try again in ${minutes} minutes.`)),
  });
}

function originOf(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
