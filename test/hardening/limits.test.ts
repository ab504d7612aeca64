/**
 * Input limits: over-long addresses, big queries and headers, repeated
 * parameters, path traversal in every encoding and malformed escapes are all
 * 4xx, answered by the real app behind the production HTTP server, with the
 * site's own error page and never a file from outside public/ or content/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, pathProblem, queryProblem } from '../../src/web/limits.js';
import { testApp } from '../support/app.js';
import { listen, rawGet, rawRequest, type Listening } from './support.js';

let server: Listening;
beforeAll(async () => {
  const { app } = await testApp({ env: { NODE_ENV: 'production' } });
  server = await listen(app);
});
afterAll(() => server?.close());

/** Traversal and encoding tricks for every route family that takes a slug or a static path. */
const PREFIXES = ['/news/', '/tags/', '/authors/', '/jobs/', '/assets/', '/'];
/** Climbing out with `..` (plain or encoded once, twice, three times): no such page, 404. */
const TRAVERSALS = [
  '../../package.json',
  '..%2f..%2fpackage.json',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '%2E%2E/%2E%2E/package.json',
  '%252e%252e%252fpackage.json',
  './package.json',
  '.%2fpackage.json',
];
/** Characters no path holds, and broken or overlong escapes: 400. */
const MALFORMED = [
  '%25252e%25252e%25252fpackage.json',
  '..\\..\\package.json',
  '..%5c..%5cpackage.json',
  '%2e%2e%5cpackage.json',
  '%00',
  'site.css%00.png',
  '%0d%0aSet-Cookie:%20x=1',
  '%c0%ae%c0%ae%c0%afpackage.json',
  '%e0%80%ae%e0%80%ae/package.json',
  '%',
  '%zz',
  '%E0%A4%A',
  '%ed%a0%80',
];

describe('path traversal and malformed escapes', () => {
  const cases = (list: string[]) => PREFIXES.flatMap((prefix) => list.map((rest) => prefix + rest));

  it.each(cases(TRAVERSALS))('GET %s is 404 with the site’s page, never a file', async (target) => {
    const res = await rawGet(server.port, target);
    expect(res.status).toBe(404);
    expect(res.head).toMatch(/content-type: text\/html; charset=utf-8/i);
    expect(res.body).toContain('<h1>Page not found</h1>');
    expect(res.body).not.toContain('"name": "newsroom"');
  });

  it.each(cases(MALFORMED))('GET %s is 400 with the site’s error page', async (target) => {
    const res = await rawGet(server.port, target);
    expect(res.status).toBe(400);
    expect(res.head).toMatch(/content-type: text\/html; charset=utf-8/i);
    expect(res.body).toContain('<h1>Bad request</h1>');
  });

  it('still serves ordinary paths, including valid escapes', async () => {
    expect((await rawGet(server.port, '/')).status).toBe(200);
    expect((await rawGet(server.port, '/news/sandwell-trust')).status).toBe(200);
    expect((await rawGet(server.port, '/assets/site.css')).status).toBe(200);
    expect((await rawGet(server.port, '/news/caf%c3%a9')).status).toBe(404);
    expect((await rawGet(server.port, '/search?q=caf%C3%A9+100%25')).status).toBe(200);
  });
});

describe('sizes', () => {
  it('answers 414 for an address over the limit', async () => {
    const res = await rawGet(server.port, `/news/${'a'.repeat(LIMITS.urlLength)}`);
    expect(res.status).toBe(414);
    expect(res.body).toContain('Address too long');
  });

  it('answers 414 for a query string over the limit', async () => {
    expect((await rawGet(server.port, `/search?q=${'a'.repeat(LIMITS.queryLength + 1)}`)).status).toBe(414);
  });

  it('answers 400 for too many query parameters', async () => {
    const query = Array.from({ length: LIMITS.queryParams + 1 }, (_, i) => `p${i}=1`).join('&');
    expect((await rawGet(server.port, `/jobs?${query}`)).status).toBe(400);
  });

  it('answers 431 for a header block over the limit, from the HTTP server itself', async () => {
    const res = await rawGet(server.port, '/', { Cookie: `c=${'x'.repeat(LIMITS.headerBytes)}` });
    expect(res.status).toBe(431);
  });

  it('answers 413 for a body over the limit without reading it, and closes the connection', async () => {
    const res = await rawRequest(server.port, `POST /newsletter HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${LIMITS.bodyBytes + 1}\r\n\r\nemail=a`);
    expect(res.status).toBe(413);
    expect(res.head).toMatch(/connection: close/i);
    expect(res.body).toContain('Request too large');
  });

  it('answers the newsletter form’s own smaller cap with the site’s 413 page, Content-Length or chunked', async () => {
    const origin = 'Origin: https://news.example.org\r\nContent-Type: application/x-www-form-urlencoded';
    const body = `email=${'a'.repeat(3000)}%40example.org`;
    const sized = await rawRequest(server.port, `POST /newsletter HTTP/1.1\r\nHost: 127.0.0.1\r\n${origin}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    const chunked = await rawRequest(server.port, `POST /newsletter/unsubscribe HTTP/1.1\r\nHost: 127.0.0.1\r\n${origin}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    for (const res of [sized, chunked]) {
      expect(res.status).toBe(413);
      expect(res.body).toContain('<h1>Request too large</h1>');
    }
  });
});

describe('parameter pollution', () => {
  it.each([
    '/jobs?page=1&page=2',
    '/search?q=a&q=b',
    '/jobs?q=nurse&q=social',
    '/search?q=a&Q=b&q=c',
    '/jobs?location=x&location=',
    '/search?q=%ZZ',
    '/jobs?page=%',
    '/search?q=a%00b&q%00=1&q%00=2',
  ])('GET %s is 400', async (target) => {
    expect((await rawGet(server.port, target)).status).toBe(400);
  });
});

describe('pathProblem and queryProblem', () => {
  it.each([
    ['/news/ok-slug', undefined, undefined],
    ['/news/caf%C3%A9', undefined, undefined],
    ['/.well-known/security.txt', undefined, undefined],
    ['/news/..', 404, 'Page not found'],
    ['/news/%2e%2e', 404, 'Page not found'],
    ['/news/%252e%252e', 404, 'Page not found'],
    ['/news/%2525252e', 400, 'too many times'],
    ['/news/a\\b', 400, 'not allowed'],
    ['/news/%5c', 400, 'not allowed'],
    ['/news/%0d%0aSet-Cookie:x', 400, 'not allowed'],
    ['/news/%c0%ae', 400, 'not correctly encoded'],
  ])('pathProblem(%s)', (path, status, message) => {
    const problem = pathProblem(path);
    expect(problem?.status).toBe(status);
    if (message) expect(problem?.message).toContain(message);
  });

  it.each([
    ['', undefined],
    ['q=a&page=2', undefined],
    ['q=a+b&x=', undefined],
    ['q=a&q=b', 400],
    ['q=%E0%A4%A', 400],
    ['a'.repeat(LIMITS.queryLength + 1), 414],
  ])('queryProblem(%s)', (query, status) => {
    expect(queryProblem(query)?.status).toBe(status);
  });
});
