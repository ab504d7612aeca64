/**
 * Render once, serve many. A page (HTML, feed, sitemap) is rendered once per
 * content version and URL; its bytes, ETag and Last-Modified are kept in a
 * byte-bounded LRU with its gzip and brotli forms (each made the first time a
 * client asks for it), and every later request for that URL is answered from
 * memory: 304 when the client's copy is current, HEAD without a body, the
 * best encoding the client accepts, never recompressed.
 *
 * The key is everything that changes the bytes: the view's version (content
 * version + publication period, so a reload or a scheduled moment makes new
 * keys), preview mode, the path and the normalised query. Caching is opt-in:
 * only responses a route hands to `store` are kept, so pages with per-request
 * content (forms with tokens, debug views) are never served from here.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Application, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { SiteView } from '../content/site-view.js';
import { isNotModified, sendRepresentation, type Representation } from './conditional.js';
import { compress, negotiateEncoding, type Encoding } from './encodings.js';
import { logRequest, requestIdOf } from './http.js';
import { LIMITS } from './limits.js';

/** Default memory budget for cached pages (PAGE_CACHE_MB). */
export const PAGE_CACHE_BYTES = 256 * 1024 * 1024;

/** Bookkeeping per entry (key, headers, object) on top of its bytes, for the budget. */
const ENTRY_OVERHEAD = 512;

/** One cached response: its status, validators and headers (`rep`, body emptied) and the encoded forms made so far. */
export interface CachedPage {
  status: number;
  rep: Representation;
  lastModified: string;
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
  /** The page's own headers as one flat name, value, … list (for writeHead). */
  head: string[];
}

export interface PageCacheOptions {
  /** Memory budget in bytes for all cached bodies. */
  maxBytes?: number;
}

export class PageCache {
  private readonly lru: LRUCache<string, CachedPage>;
  private version: string | undefined;

  constructor(options: PageCacheOptions = {}) {
    this.lru = new LRUCache<string, CachedPage>({ maxSize: Math.max(1, options.maxBytes ?? PAGE_CACHE_BYTES), sizeCalculation: pageSize });
  }

  /** Bytes held (bodies and their encoded forms, plus bookkeeping). */
  get size(): number {
    return this.lru.calculatedSize;
  }

  get entries(): number {
    return this.lru.size;
  }

  get(key: string): CachedPage | undefined {
    return this.lru.get(key);
  }

  /** Keeps `rep` as the answer for `key`. Entries of older versions are dropped when a new version arrives. */
  store(key: string, version: string, rep: Representation, status: number): CachedPage {
    if (version !== this.version) {
      this.lru.clear();
      this.version = version;
    }
    // The text is kept once, as bytes; the representation keeps only its validators and headers.
    const lastModified = rep.lastModified.toUTCString();
    const head = ['Content-Type', rep.type, 'Cache-Control', rep.cacheControl, 'ETag', rep.etag, 'Last-Modified', lastModified, 'Vary', 'Accept-Encoding'];
    const page: CachedPage = { status, rep: { ...rep, body: '' }, lastModified, bodies: { identity: Buffer.from(rep.body, 'utf8') }, head };
    this.lru.set(key, page);
    return page;
  }

  /**
   * Answers `req` from `page`: 304, HEAD or the body in the best accepted
   * encoding. Headers already set on `res` are kept; `first` are written
   * before the page's own, all with the status in one call.
   */
  send(req: IncomingMessage, res: ServerResponse, key: string, page: CachedPage, first: readonly string[] = []): number {
    const headers = first.concat(page.head);
    if (page.status >= 200 && page.status < 300 && isNotModified(req.headers, page.rep)) {
      res.writeHead(304, headers);
      res.end();
      return 304;
    }
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    const body = this.body(key, page, encoding);
    if (encoding !== 'identity') headers.push('Content-Encoding', encoding);
    headers.push('Content-Length', String(body.length));
    res.writeHead(page.status, headers);
    if (req.method === 'HEAD') res.end();
    else res.end(body);
    return page.status;
  }

  /** The body in `encoding`, compressed the first time it is asked for (the entry's size is updated). */
  private body(key: string, page: CachedPage, encoding: Encoding): Buffer {
    const existing = page.bodies[encoding];
    if (existing) return existing;
    const made = compress(page.bodies.identity, encoding);
    page.bodies[encoding] = made;
    if (this.lru.peek(key) === page) this.lru.set(key, page);
    return made;
  }
}

/** The cache key of a request URL in a view: version, preview mode, path and normalised query. */
export function pageCacheKey(view: SiteView, url: string): string {
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : normaliseQuery(url.slice(mark + 1));
  return `${view.version}${view.options.preview ? ' preview ' : ' '}${path}${query ? `?${query}` : ''}`;
}

/** Query parameters sorted, tracking parameters (utm_*, fbclid, gclid) and empty pairs dropped. */
export function normaliseQuery(query: string): string {
  if (!query) return '';
  const params = new URLSearchParams(query);
  const kept = [...params].filter(([name]) => name && !/^utm_|^(fbclid|gclid|mc_cid|mc_eid)$/i.test(name));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return new URLSearchParams(kept).toString();
}

/**
 * Serves cached pages before any other work (and before the compression
 * middleware, which must not recompress them). A miss passes on to the routes.
 */
export function servePageCache(cache: PageCache, view: () => SiteView): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const key = pageCacheKey(view(), req.originalUrl);
    const page = cache.get(key);
    if (!page) return next();
    cache.send(req, res, key, page);
  };
}

/** What answering from the cache before Express needs (set on the app by createApp, read by `siteListener`). */
export interface FrontDoor {
  cache: PageCache;
  view: () => SiteView;
  /** Headers every response carries (the security headers), as name–value pairs. */
  headers: ReadonlyArray<readonly [string, string]>;
  logger: Logger;
}

const FRONT_DOOR = 'front door';

/**
 * The HTTP request listener of an app: a GET or HEAD for a page in the cache
 * is answered here, before Express does any work for it (its router, request
 * and response decoration and middleware chain cost more than sending the
 * bytes); everything else goes to the app. Only addresses without a query
 * string are taken here: the cache holds only pages the app answered, and an
 * address without a query passed the input limits then and would now (the
 * checks depend on the address alone), so a hit here is the answer the app
 * would give, with the same headers (tests compare the two). A request with
 * a body, or an overlong address, goes to the app and its limits.
 */
export function siteListener(app: Application): RequestListener {
  const door = app.get(FRONT_DOOR) as FrontDoor | undefined;
  if (!door) return app;
  const security = door.headers.flat();
  const logging = door.logger.isLevelEnabled('info');
  return (req, res) => {
    const url = req.url!;
    const method = req.method;
    if ((method === 'GET' || method === 'HEAD') && url.length <= LIMITS.urlLength && !url.includes('?') && !hasBody(req)) {
      const key = pageCacheKey(door.view(), url);
      const page = door.cache.get(key);
      if (page) {
        const started = logging ? performance.now() : 0;
        req.id = requestIdOf(req);
        const status = door.cache.send(req, res, key, page, [...security, 'X-Request-Id', req.id]);
        if (logging) logRequest(door.logger, req, url, status, started);
        return;
      }
    }
    app(req, res);
  };
}

/** Gives `app` what `siteListener` needs to answer cached pages before it. */
export function attachFrontDoor(app: Application, door: FrontDoor): void {
  app.set(FRONT_DOOR, door);
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function pageSize(page: CachedPage): number {
  const { identity, gzip, br } = page.bodies;
  return ENTRY_OVERHEAD + identity.length + (gzip?.length ?? 0) + (br?.length ?? 0);
}

const SETTING = 'page cache';

/** Gives `app` its page cache (an app setting, like `view engine`), for `sendCached`. */
export function attachPageCache(app: Application, cache: PageCache): void {
  app.set(SETTING, cache);
}

/** The app's page cache, if it has one. */
export function pageCacheOf(app: Application): PageCache | undefined {
  return app.get(SETTING) as PageCache | undefined;
}

/**
 * Sends a representation for a GET or HEAD and keeps it for the next request
 * of the same URL in the same view. Without a page cache on the app (or for
 * other methods) it is sent as it is.
 */
export function sendCached(req: Request, res: Response, view: SiteView, rep: Representation): void {
  const cache = pageCacheOf(req.app);
  if (!cache || (req.method !== 'GET' && req.method !== 'HEAD')) return sendRepresentation(req, res, rep);
  const key = pageCacheKey(view, req.originalUrl);
  cache.send(req, res, key, cache.store(key, view.version, rep, res.statusCode));
}
