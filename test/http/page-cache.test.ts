/**
 * The page cache (issue 10): a page is rendered once per content version and
 * URL, then answered from memory with the same bytes and validators, in the
 * encoding the client accepts; content changes and scheduled moments make
 * new pages; per-request pages are never kept.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { representation } from '../../src/web/conditional.js';
import { negotiateEncoding } from '../../src/web/encodings.js';
import { createHttpServer } from '../../src/web/limits.js';
import { PageCache, normaliseQuery, pageCacheOf, siteListener } from '../../src/web/page-cache.js';
import { FIXTURES, FIXTURE_NOW, testApp, type TestApp } from '../support/app.js';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request on a real socket, without any client-side decompression. */
function raw(server: Server, urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let t: TestApp;
let server: Server;
beforeAll(async () => {
  t = await testApp();
  // As server.ts serves: cached pages are answered by siteListener before the app.
  server = createHttpServer(siteListener(t.app)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('render once, serve many', () => {
  it('answers the second request for a page from the cache: same bytes, same ETag, no second render', async () => {
    const render = vi.spyOn(t.app, 'render');
    const first = await raw(server, '/news/sandwell-trust');
    const second = await raw(server, '/news/sandwell-trust');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['last-modified']).toBe(first.headers['last-modified']);
    expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(second.headers.vary).toMatch(/accept-encoding/i);
    expect(second.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(second.headers['content-length'])).toBe(second.body.length);
    expect(render).toHaveBeenCalledTimes(1);
    render.mockRestore();
  });

  it.each(['/', '/tags/ofsted', '/jobs', '/jobs/family-worker', '/feed.xml', '/sitemap.xml'])('keeps %s after its first request', async (urlPath) => {
    const cache = pageCacheOf(t.app)!;
    const first = await raw(server, urlPath);
    const entries = cache.entries;
    const second = await raw(server, urlPath);
    expect(first.status).toBe(200);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(cache.entries).toBe(entries);
  });

  it('keeps a closed job page with its 410 status', async () => {
    const first = await raw(server, '/jobs/closed-job');
    const second = await raw(server, '/jobs/closed-job');
    expect([first.status, second.status]).toEqual([410, 410]);
    expect(second.body.equals(first.body)).toBe(true);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with no body', async () => {
    const page = await raw(server, '/news/birmingham-trust');
    const byTag = await raw(server, '/news/birmingham-trust', { 'If-None-Match': page.headers.etag! });
    expect(byTag.status).toBe(304);
    expect(byTag.body.length).toBe(0);
    expect(byTag.headers.etag).toBe(page.headers.etag);
    const byDate = await raw(server, '/news/birmingham-trust', { 'If-Modified-Since': page.headers['last-modified']! });
    expect(byDate.status).toBe(304);
    const stale = await raw(server, '/news/birmingham-trust', { 'If-None-Match': 'W/"something-else"' });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(page.body)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await raw(server, '/news/sandwell-trust');
    const head = await raw(server, '/news/sandwell-trust', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['br;q=0.5, gzip;q=0.9', 'gzip', gunzipSync],
  ] as const)('sends the precompressed form for Accept-Encoding "%s", which decompresses to the page', async (accept, encoding, decompress) => {
    const identity = await raw(server, '/tags/ofsted');
    const first = await raw(server, '/tags/ofsted', { 'Accept-Encoding': accept });
    const second = await raw(server, '/tags/ofsted', { 'Accept-Encoding': accept });
    expect(first.headers['content-encoding']).toBe(encoding);
    expect(second.body.equals(first.body)).toBe(true);
    expect(decompress(first.body).equals(identity.body)).toBe(true);
    expect(first.headers.etag).toBe(identity.headers.etag);
    expect(Number(first.headers['content-length'])).toBe(first.body.length);
  });

  it('sends identity when the client accepts no compression we make', async () => {
    const res = await raw(server, '/tags/ofsted', { 'Accept-Encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('answered before the app', () => {
  /** The headers a reader or proxy sees, less the ones made per response. */
  const stable = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'x-request-id'].includes(name)));

  it('gives a hit the same status, headers and bytes as the app gives (security headers included)', async () => {
    const rendered = await raw(server, '/news/birmingham-trust');
    const front = await raw(server, '/news/birmingham-trust');
    // A query string is not taken before the app: this hit is answered by the app's own cache middleware.
    const viaApp = await raw(server, '/news/birmingham-trust?utm_source=newsletter');
    expect(rendered.status).toBe(200);
    expect(stable(front.headers)).toEqual(stable(rendered.headers));
    expect(stable(viaApp.headers)).toEqual(stable(front.headers));
    expect(front.body.equals(rendered.body)).toBe(true);
    expect(front.headers['content-security-policy']).toContain("default-src 'self'");
    expect(front.headers['x-frame-options']).toBe('DENY');
    expect(front.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
    expect(front.headers['x-request-id']).not.toBe(rendered.headers['x-request-id']);
  });

  it('echoes a proxy’s request id on a hit', async () => {
    await raw(server, '/tags/ofsted');
    const res = await raw(server, '/tags/ofsted', { 'X-Request-Id': 'edge-1234' });
    expect(res.headers['x-request-id']).toBe('edge-1234');
  });

  it('still refuses an over-size body on a cached page (413), and never serves a cached page for POST', async () => {
    await raw(server, '/news/sandwell-trust');
    const big = await raw(server, '/news/sandwell-trust', { 'Content-Length': String(1024 * 1024) });
    expect(big.status).toBe(413);
    const post = await raw(server, '/news/sandwell-trust', { 'Content-Length': '0' }, 'POST');
    expect(post.status).not.toBe(200);
  });
});

describe('what is never kept', () => {
  it('does not keep the ?debug=jobs view of an article', async () => {
    const cache = pageCacheOf(t.app)!;
    await raw(server, '/news/sandwell-trust');
    const entries = cache.entries;
    const debug = await raw(server, '/news/sandwell-trust?debug=jobs');
    expect(debug.body.toString('utf8')).toContain('Why these jobs');
    expect(cache.entries).toBe(entries);
    const plain = await raw(server, '/news/sandwell-trust');
    expect(plain.body.toString('utf8')).not.toContain('Why these jobs');
  });

  it('does not keep the newsletter page (a form) or error pages', async () => {
    const cache = pageCacheOf(t.app)!;
    const entries = cache.entries;
    await raw(server, '/newsletter');
    await raw(server, '/news/no-such-story');
    await raw(server, '/news/no-such-story');
    expect(cache.entries).toBe(entries);
  });
});

describe('invalidation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'page-cache-'));
    await cp(path.join(FIXTURES, 'site'), dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the new page and ETag once the store has a new snapshot', async () => {
    const local = await testApp({ contentDir: dir });
    const before = await request(siteListener(local.app)).get('/news/birmingham-trust');
    expect((await request(siteListener(local.app)).get('/news/birmingham-trust')).headers.etag).toBe(before.headers.etag);
    const file = path.join(dir, 'articles', 'birmingham-trust.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: Birmingham trust plan changes again'));
    local.store.replace(await loadContent(dir));
    const after = await request(siteListener(local.app)).get('/news/birmingham-trust');
    expect(after.text).toContain('Birmingham trust plan changes again');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const conditional = await request(siteListener(local.app)).get('/news/birmingham-trust').set('If-None-Match', before.headers.etag!);
    expect(conditional.status).toBe(200);
  });

  it('serves the new page when a scheduled article’s moment passes', async () => {
    let now = FIXTURE_NOW;
    const local = await testApp({ now: () => now });
    const before = await request(siteListener(local.app)).get('/');
    expect(before.text).not.toContain('/news/scheduled-story');
    expect((await request(siteListener(local.app)).get('/')).headers.etag).toBe(before.headers.etag);
    expect((await request(siteListener(local.app)).get('/news/scheduled-story')).status).toBe(404);
    now = new Date('2030-01-02T00:00:00Z');
    const after = await request(siteListener(local.app)).get('/');
    expect(after.text).toContain('/news/scheduled-story');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await request(siteListener(local.app)).get('/news/scheduled-story')).status).toBe(200);
  });
});

describe('PageCache', () => {
  const rep = (body: string) => representation(body, 'text/html; charset=utf-8', FIXTURE_NOW);

  it('keeps within its byte budget, dropping the least recently used pages', () => {
    const cache = new PageCache({ maxBytes: 20_000 });
    for (let i = 0; i < 20; i++) cache.store(`/page/${i}`, 'v1', rep('x'.repeat(3000)), 200);
    expect(cache.size).toBeLessThanOrEqual(20_000);
    expect(cache.entries).toBeLessThan(20);
    expect(cache.get('/page/19')).toBeDefined();
    expect(cache.get('/page/0')).toBeUndefined();
  });

  it('drops the pages of an older version when a new version is stored', () => {
    const cache = new PageCache({ maxBytes: 1_000_000 });
    cache.store('a', 'v1', rep('one'), 200);
    cache.store('b', 'v2', rep('two'), 200);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
  });

  it('keeps nothing with a budget of zero', () => {
    const cache = new PageCache({ maxBytes: 0 });
    cache.store('a', 'v1', rep('one'), 200);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.2, gzip;q=0.8', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0, identity', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
    ['x-gzip', 'gzip'],
  ] as const)('Accept-Encoding %j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('normaliseQuery', () => {
  it.each([
    ['', ''],
    ['page=2', 'page=2'],
    ['q=tax&page=2', 'page=2&q=tax'],
    ['page=2&utm_source=news&fbclid=abc', 'page=2'],
    ['q=council+tax', 'q=council+tax'],
  ])('%j → %j', (query, expected) => {
    expect(normaliseQuery(query)).toBe(expected);
  });
});
