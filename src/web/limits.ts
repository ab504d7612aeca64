/**
 * Input limits, checked before any route runs: a request that is too big or
 * malformed is answered 4xx at once, and no route ever sees a path that could
 * climb out of public/ or content/. The HTTP server's own limits (header size,
 * slow clients) are here too, so one file says what the site accepts.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { RequestHandler } from 'express';
import createHttpError from 'http-errors';

export const LIMITS = {
  /** Request target (path and query) in characters: longer is 414. */
  urlLength: 4096,
  /** Query string in characters: longer is 414. */
  queryLength: 2048,
  /** Query parameters: more is 400. */
  queryParams: 16,
  /** Request header block in bytes (Node answers 431 itself). */
  headerBytes: 16 * 1024,
  /** Header lines: Node ignores the ones past this. */
  headersCount: 64,
  /** Any request body, by its Content-Length: larger is 413 before a byte is read. */
  bodyBytes: 64 * 1024,
} as const;

/**
 * The HTTP server for an app: a header block over the limit is 431 (Node
 * answers it), and timeouts stop slow clients holding sockets open.
 */
export function createHttpServer(listener: RequestListener): Server {
  const server = createServer({ maxHeaderSize: LIMITS.headerBytes, headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, listener);
  server.maxHeadersCount = LIMITS.headersCount;
  return server;
}

/**
 * Why a raw path is refused, or undefined when it is acceptable: 400 for
 * characters no URL path holds (backslash, control characters, NUL) and for
 * malformed or overlong UTF-8 escapes; 404 for `.` and `..` segments, written
 * plainly or encoded once, twice or three times: no such page exists here.
 */
export function pathProblem(rawPath: string): { status: 400 | 404; message: string } | undefined {
  let current = rawPath;
  for (let round = 0; round < 3; round++) {
    if (/[\\\u0000-\u001f\u007f]/.test(current)) return { status: 400, message: 'The address contains characters that are not allowed.' };
    if (current.split('/').some((segment) => segment === '..' || segment === '.')) return { status: 404, message: 'Page not found' };
    if (!current.includes('%')) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return { status: 400, message: 'The address is not correctly encoded.' };
    }
    if (decoded === current) return undefined;
    current = decoded;
  }
  return { status: 400, message: 'The address is encoded too many times.' };
}

/** Why a raw query string is refused (status and message), or undefined. */
export function queryProblem(rawQuery: string): { status: 400 | 414; message: string } | undefined {
  if (rawQuery.length > LIMITS.queryLength) return { status: 414, message: 'The query is too long.' };
  if (!rawQuery) return undefined;
  const pairs = rawQuery.split('&').filter(Boolean);
  if (pairs.length > LIMITS.queryParams) return { status: 400, message: 'The address has too many parameters.' };
  const names = new Set<string>();
  for (const pair of pairs) {
    const [rawName = '', ...rest] = pair.split('=');
    let name: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      decodeURIComponent(rest.join('=').replace(/\+/g, ' '));
    } catch {
      return { status: 400, message: 'The query is not correctly encoded.' };
    }
    if (/[\u0000-\u001f\u007f]/.test(name)) return { status: 400, message: 'The query contains characters that are not allowed.' };
    if (names.has(name)) return { status: 400, message: 'Give each parameter once.' };
    names.add(name);
  }
  return undefined;
}

/** Refuses over-long, malformed, traversing or repeated-parameter requests, and over-size bodies. */
export function inputLimits(): RequestHandler {
  return (req, _res, next) => {
    const url = req.originalUrl;
    if (url.length > LIMITS.urlLength) return next(createHttpError(414, 'The address is too long.'));
    const mark = url.indexOf('?');
    const rawPath = mark < 0 ? url : url.slice(0, mark);
    const problem = pathProblem(rawPath);
    if (problem) return next(createHttpError(problem.status, problem.message));
    const query = mark < 0 ? undefined : queryProblem(url.slice(mark + 1));
    if (query) return next(createHttpError(query.status, query.message));
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > LIMITS.bodyBytes) return next(createHttpError(413, 'The request is too large.'));
    next();
  };
}
