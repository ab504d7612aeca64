/**
 * Conditional GET (RFC 9110 §13, §8.8): every page, feed and sitemap goes
 * out with an ETag, a Last-Modified date and a cache policy, and a client or
 * CDN whose copy is current gets `304 Not Modified` instead of the body.
 * HEAD is GET without the body (Express routes HEAD to GET handlers and Node
 * drops the body). A representation is a plain value, so a cache can keep
 * one and serve it many times through `sendRepresentation`.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Request, Response } from 'express';
import type { SiteView } from '../content/site-view.js';
import type { Article, Job } from '../content/types.js';
import { newestChange } from '../seo/dates.js';
import { CACHE } from './http.js';

export interface Representation {
  body: string;
  /** Content-Type, with its charset. */
  type: string;
  /** Weak entity tag of the body: equal bodies, equal tags, whichever encoding is sent. */
  etag: string;
  lastModified: Date;
  cacheControl: string;
}

export interface Validators {
  etag: string;
  lastModified: Date;
}

/** A representation of `body`, its ETag computed once. */
export function representation(body: string, type: string, lastModified: Date, cacheControl: string = CACHE.page): Representation {
  return { body, type, etag: entityTag(body), lastModified, cacheControl };
}

/** `W/"…"`: weak, because compression sends other bytes for the same content. */
export function entityTag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Is the client's copy current? If-None-Match decides when present (weak
 * comparison, RFC 9110 §13.1.2); otherwise If-Modified-Since against
 * Last-Modified, to the whole second as HTTP dates go.
 */
export function isNotModified(headers: IncomingHttpHeaders, validators: Validators): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    const ours = opaque(validators.etag);
    return noneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === ours);
  }
  const since = Date.parse(headers['if-modified-since'] ?? '');
  if (Number.isNaN(since)) return false;
  return Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since;
}

/** Sends `rep` with its validators and cache policy, or `304` when a GET/HEAD for a 2xx answer finds the client's copy current. */
export function sendRepresentation(req: Request, res: Response, rep: Representation): void {
  res.set({ 'Content-Type': rep.type, ETag: rep.etag, 'Last-Modified': rep.lastModified.toUTCString(), 'Cache-Control': rep.cacheControl });
  const cacheable = (req.method === 'GET' || req.method === 'HEAD') && res.statusCode >= 200 && res.statusCode < 300;
  if (cacheable && isNotModified(req.headers, rep)) {
    res.status(304).end();
    return;
  }
  res.send(rep.body);
}

/**
 * A page's Last-Modified: an article's `updated` (else `date`), a job's
 * posting, a listing's newest item; else when the content was loaded. Never
 * after the view's moment.
 */
export function pageLastModified(view: SiteView, model: Record<string, unknown>): Date {
  const fallback = view.snapshot.loadedAt;
  const page = model.page as { items?: unknown[] } | undefined;
  const records = [model.article, model.job, ...(Array.isArray(page?.items) ? page.items : [])].filter(isRecord);
  return notAfter(newestChange(records, fallback), view.now);
}

/** `date`, or `now` if `date` is later: Last-Modified is never in the future (RFC 9110 §8.8.2.1). */
export function notAfter(date: Date, now: Date): Date {
  return date > now ? now : date;
}

function isRecord(value: unknown): value is Article | Job {
  const kind = (value as { kind?: unknown } | null | undefined)?.kind;
  return kind === 'article' || kind === 'job';
}
