import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Application } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { MAX_SITEMAP_URLS, sitemapChunks, sitemapEntries } from '../../src/seo/sitemaps.js';
import { FIXTURES, testApp, type TestApp } from '../support/app.js';
import { expectPageBasics, parse } from '../support/html.js';
import { SITE, articles, snapshotOf } from '../seo/support/records.js';
import { parseStrict, validateAtom, validateXsd } from '../seo/support/xml.js';

/** The crawler fixture's clock: noon on 10 June 2020 (BST), two hours after the budget story's update. */
const NOW = new Date('2020-06-10T12:00:00Z');
const CONTENT = path.join(FIXTURES, 'crawlers');
const ORIGIN = 'https://crawl.example.org';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ contentDir: CONTENT, now: NOW });
});

/** Raw bytes and headers as sent, whatever the encoding (supertest would decode them). */
async function raw(app: Application, url: string, encoding: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) => get({ host: '127.0.0.1', port, path: url, headers: { 'accept-encoding': encoding } }, resolve).on('error', reject));
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

function jsonLd($: ReturnType<typeof parse>): Array<Record<string, any>> {
  const scripts = $('script[type="application/ld+json"]');
  expect(scripts).toHaveLength(1);
  return JSON.parse(scripts.text())['@graph'];
}

describe('robots.txt', () => {
  it('names both sitemaps with absolute URLs', async () => {
    const res = await request(t.app).get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(res.text).toContain(`Sitemap: ${ORIGIN}/news-sitemap.xml`);
  });
});

describe('sitemaps', () => {
  it('/sitemap.xml validates and lists every published, canonical page and no other', async () => {
    const res = await request(t.app).get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await validateXsd(res.text, 'sitemap.xsd')).toEqual({ ok: true, output: '' });
    const urls = parseStrict(res.text, ['url']).urlset.url as Array<{ loc: string; lastmod?: string }>;
    const locs = urls.map((url) => url.loc.replace(ORIGIN, ''));
    for (const path of ['/', '/jobs', '/news/council-budget', '/news/older-two', '/tags/council-finance', '/authors/asha-patel', '/jobs/finance-manager']) expect(locs).toContain(path);
    for (const path of ['/news/syndicated-copy', '/news/draft-recent', '/news/scheduled', '/jobs/closed-role']) expect(locs).not.toContain(path);
    expect(new Set(locs).size).toBe(locs.length);
    expect(urls.find((url) => url.loc.endsWith('/news/council-budget'))!.lastmod).toBe('2020-06-10T11:30:00+01:00');
  });

  it('/news-sitemap.xml validates and holds the last 48 hours: the edge in, one second older out, no drafts, scheduled or syndicated copy', async () => {
    const res = await request(t.app).get('/news-sitemap.xml');
    expect(res.status).toBe(200);
    expect(await validateXsd(res.text, 'sitemap-all.xsd')).toEqual({ ok: true, output: '' });
    const urls = parseStrict(res.text, ['url']).urlset.url;
    expect(urls.map((url: { loc: string }) => url.loc)).toEqual([`${ORIGIN}/news/council-budget`, `${ORIGIN}/news/window-edge`]);
    expect(urls[0]['news:news']).toEqual({
      'news:publication': { 'news:name': 'Crawl Chronicle', 'news:language': 'en' },
      'news:publication_date': '2020-06-10T09:00:00+01:00',
      'news:title': 'Leeds sets out a budget with £20m of savings',
    });
  });

  it('moves the news window with the clock', async () => {
    const later = await testApp({ contentDir: CONTENT, now: new Date('2020-06-10T12:00:01Z') });
    const res = await request(later.app).get('/news-sitemap.xml');
    expect(res.text).toContain('/news/council-budget');
    expect(res.text).not.toContain('/news/window-edge');
  });
});

describe('sitemap index past 50,000 URLs', () => {
  let app: Application;
  let store: ContentStore;
  beforeAll(() => {
    // 50,001 articles in memory: with the home page and /jobs that is 50,003 URLs.
    store = new ContentStore(snapshotOf(articles(MAX_SITEMAP_URLS + 1, NOW)));
    app = createApp({ config: readConfig({ CONTENT_DIR: os.tmpdir() }), store, now: () => NOW });
  });

  it('turns /sitemap.xml into a valid index of child sitemaps', async () => {
    const res = await request(app).get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(await validateXsd(res.text, 'siteindex.xsd')).toEqual({ ok: true, output: '' });
    const children = parseStrict(res.text, ['sitemap']).sitemapindex.sitemap;
    expect(children.map((child: { loc: string }) => child.loc)).toEqual([`${SITE.url}/sitemap-1.xml`, `${SITE.url}/sitemap-2.xml`]);
    expect(children[0].lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it('serves the last child valid, and 404 past the end; each child holds at most 50,000 URLs', async () => {
    const last = await request(app).get('/sitemap-2.xml');
    expect(await validateXsd(last.text, 'sitemap.xsd')).toEqual({ ok: true, output: '' });
    // Articles oldest first, so a new article changes only the last child.
    expect(parseStrict(last.text, ['url']).urlset.url.map((url: { loc: string }) => url.loc)).toEqual([`${SITE.url}/news/story-0`, `${SITE.url}/`, `${SITE.url}/jobs`]);
    expect(sitemapChunks(sitemapEntries(store.view(NOW))).map((chunk) => chunk.length)).toEqual([MAX_SITEMAP_URLS, 3]);
    expect((await request(app).get('/sitemap-3.xml')).status).toBe(404);
    expect((await request(t.app).get('/sitemap-1.xml')).status).toBe(404);
  });
});

describe('feeds', () => {
  it('/feed.xml is strict RSS 2.0 with the published articles, newest first', async () => {
    const res = await request(t.app).get('/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const channel = parseStrict(res.text, ['item', 'category', 'dc:creator']).rss.channel;
    expect(channel.title).toBe('Crawl Chronicle');
    expect(channel.item.map((item: { link: string }) => item.link.replace(ORIGIN, ''))).toEqual([
      '/news/council-budget', '/news/syndicated-copy', '/news/window-edge', '/news/just-outside', '/news/hostile-title', '/news/older-one', '/news/older-two',
    ]);
    const budget = channel.item[0];
    expect(budget['dc:creator']).toEqual(['Asha Patel', 'Tom Reed']);
    expect(budget.category.map((c: { '#text': string }) => c['#text'])).toEqual(['council finance', 'Budgets']);
    expect(budget['content:encoded']).toContain(`href="${ORIGIN}/news/older-one"`);
    expect(budget['content:encoded']).toContain(`src="${ORIGIN}/assets/chart.png"`);
    expect(budget.pubDate).toBe('Wed, 10 Jun 2020 09:00:00 +0100');
  });

  it('/atom.xml validates against the Atom schema and carries the same articles', async () => {
    const res = await request(t.app).get('/atom.xml');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(await validateAtom(res.text)).toEqual({ ok: true, output: '' });
    const feed = parseStrict(res.text, ['entry']).feed;
    expect(feed.entry).toHaveLength(7);
    expect(feed.entry[0].updated).toBe('2020-06-10T11:30:00+01:00');
  });

  it('/tags/:slug/feed.xml carries that tag’s articles; unknown tags are 404', async () => {
    const res = await request(t.app).get('/tags/budgets/feed.xml');
    expect(res.status).toBe(200);
    const channel = parseStrict(res.text, ['item']).rss.channel;
    expect(channel.title).toBe('Crawl Chronicle: Budgets');
    expect(channel['atom:link']['@href']).toBe(`${ORIGIN}/tags/budgets/feed.xml`);
    expect(channel.item.map((item: { link: string }) => item.link.replace(ORIGIN, ''))).toEqual(['/news/council-budget', '/news/window-edge', '/news/just-outside', '/news/hostile-title']);
    expect((await request(t.app).get('/tags/no-such-tag/feed.xml')).status).toBe(404);
    expect((await request(t.app).get('/tags/Bad_Slug/feed.xml')).status).toBe(301);
  });
});

const CACHEABLE = ['/', '/news/council-budget', '/tags/council-finance', '/authors/asha-patel', '/jobs', '/jobs/finance-manager', '/feed.xml', '/atom.xml', '/tags/budgets/feed.xml', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt'];

describe('conditional requests, HEAD and caching', () => {
  it.each(CACHEABLE)('%s has ETag, Last-Modified and a CDN cache policy, and answers 304 to either validator', async (url) => {
    const res = await request(t.app).get(url);
    expect(res.status).toBe(200);
    const { etag, 'last-modified': lastModified, 'cache-control': cacheControl } = res.headers;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(new Date(lastModified!).toUTCString()).toBe(lastModified);
    expect(cacheControl).toMatch(/max-age=\d+/);
    expect(cacheControl).toMatch(/s-maxage=\d+/);
    expect(cacheControl).toMatch(/stale-while-revalidate=\d+/);
    const byTag = await request(t.app).get(url).set('If-None-Match', etag!);
    expect(byTag.status).toBe(304);
    expect(byTag.text ?? '').toBe('');
    expect(byTag.headers.etag).toBe(etag);
    expect((await request(t.app).get(url).set('If-Modified-Since', lastModified!)).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified!) - 1000).toUTCString();
    expect((await request(t.app).get(url).set('If-Modified-Since', earlier)).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await request(t.app).get(url).set('If-None-Match', 'W/"other"').set('If-Modified-Since', lastModified!)).status).toBe(200);
  });

  it.each(CACHEABLE)('HEAD %s answers like GET without a body', async (url) => {
    const get = await request(t.app).get(url);
    const head = await request(t.app).head(url);
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.text ?? '').toBe('');
  });

  it('dates a page by its content: an article by its update, a listing by its newest article', async () => {
    expect((await request(t.app).get('/news/council-budget')).headers['last-modified']).toBe('Wed, 10 Jun 2020 10:30:00 GMT');
    expect((await request(t.app).get('/news/older-two')).headers['last-modified']).toBe('Wed, 01 Apr 2020 09:00:00 GMT');
    expect((await request(t.app).get('/tags/council-finance/page/2')).headers['last-modified']).toBe('Fri, 01 May 2020 09:00:00 GMT');
    expect((await request(t.app).get('/feed.xml')).headers['last-modified']).toBe('Wed, 10 Jun 2020 10:30:00 GMT');
  });

  it('changes the ETag when the article changes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'crawlers-etag-'));
    try {
      await cp(CONTENT, dir, { recursive: true });
      const live = await testApp({ contentDir: dir, now: NOW });
      const before = await request(live.app).get('/news/older-one');
      const file = path.join(dir, 'articles/older-one.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('title: Councils warn of a funding gap', 'title: Councils warn of a widening funding gap'));
      live.store.replace(await loadContent(dir));
      const after = await request(live.app).get('/news/older-one').set('If-None-Match', before.headers.etag!);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.text).toContain('widening funding gap');
      const feedAfter = await request(live.app).get('/feed.xml');
      expect(feedAfter.headers.etag).not.toBe((await request(t.app).get('/feed.xml')).headers.etag);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ] as const)('compresses with %s when asked, and says it varies by Accept-Encoding', async (encoding, decode) => {
    for (const url of ['/news/council-budget', '/feed.xml', '/sitemap.xml']) {
      const res = await raw(t.app, url, encoding);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      const plain = await raw(t.app, url, 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(decode(res.body).toString()).toBe(plain.body.toString());
    }
  });
});

describe('every page’s head', () => {
  it.each(['/', '/page/2', '/news/council-budget', '/tags/council-finance', '/authors/asha-patel', '/jobs', '/jobs/finance-manager', '/no/such/page'])('%s advertises the RSS and Atom feeds', async (url) => {
    const res = await request(t.app).get(url);
    const $ = parse(res.text);
    expect($('link[rel="alternate"][type="application/rss+xml"]').first().attr('href')).toBe(`${ORIGIN}/feed.xml`);
    expect($('link[rel="alternate"][type="application/atom+xml"]').attr('href')).toBe(`${ORIGIN}/atom.xml`);
    expect($('link[rel="canonical"]').attr('href')).toMatch(new RegExp(`^${ORIGIN}/`));
  });

  it('a tag page also advertises the tag’s own feed, and links its other pages with rel prev/next', async () => {
    const $ = expectPageBasics(await request(t.app).get('/tags/council-finance'));
    expect($('link[rel="alternate"][href$="/tags/council-finance/feed.xml"]').attr('title')).toBe('Crawl Chronicle: council finance (RSS)');
    expect($('link[rel="next"]').attr('href')).toBe(`${ORIGIN}/tags/council-finance/page/2`);
    expect($('link[rel="prev"]')).toHaveLength(0);
    const $2 = expectPageBasics(await request(t.app).get('/tags/council-finance/page/2'));
    expect($2('link[rel="prev"]').attr('href')).toBe(`${ORIGIN}/tags/council-finance`);
  });

  it('an article has title · site, a description cut at a word within 160 characters, and Open Graph and Twitter cards with its image', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/council-budget'));
    expect($('title').text()).toBe('Leeds sets out a budget with £20m of savings · Crawl Chronicle');
    const description = $('meta[name="description"]').attr('content')!;
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description).toMatch(/^Leeds City Council has published a draft budget .*[a-z]…$/);
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).attr('content');
    expect(meta('og:title')).toBe('Leeds sets out a budget with £20m of savings');
    expect(meta('og:type')).toBe('article');
    expect(meta('og:url')).toBe(`${ORIGIN}/news/council-budget`);
    expect(meta('og:description')).toBe(description);
    expect(meta('og:image')).toBe(`${ORIGIN}/assets/budget.jpg`);
    expect(meta('og:image:alt')).toBe('Leeds civic hall');
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(meta('twitter:image')).toBe(`${ORIGIN}/assets/budget.jpg`);
    expect(meta('twitter:title')).toBe('Leeds sets out a budget with £20m of savings');
  });

  it('syndicated copy names the original as canonical', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/syndicated-copy'));
    expect($('link[rel="canonical"]').attr('href')).toBe('https://other.example.com/news/agency-story');
    expect($('meta[property="og:url"]').attr('content')).toBe('https://other.example.com/news/agency-story');
  });
});

describe('structured data', () => {
  it('an article page has one JSON-LD script: NewsArticle with every property, and BreadcrumbList', async () => {
    const graph = jsonLd(expectPageBasics(await request(t.app).get('/news/council-budget')));
    expect(graph.map((node) => node['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
    expect(graph[0]).toMatchObject({
      headline: 'Leeds sets out a budget with £20m of savings',
      description: expect.stringContaining('Leeds City Council has published a draft budget'),
      image: [`${ORIGIN}/assets/budget.jpg`],
      datePublished: '2020-06-10T09:00:00+01:00',
      dateModified: '2020-06-10T11:30:00+01:00',
      author: [
        { '@type': 'Person', name: 'Asha Patel', url: `${ORIGIN}/authors/asha-patel` },
        { '@type': 'Person', name: 'Tom Reed', url: `${ORIGIN}/authors/tom-reed` },
      ],
      publisher: { '@type': 'Organization', name: 'Crawl Chronicle', logo: { '@type': 'ImageObject', url: `${ORIGIN}/assets/logo.png` } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${ORIGIN}/news/council-budget` },
      articleSection: 'council finance',
      keywords: ['council finance', 'Budgets'],
    });
    expect(graph[1]!.itemListElement.map((crumb: { item: string }) => crumb.item)).toEqual([`${ORIGIN}/`, `${ORIGIN}/tags/council-finance`, `${ORIGIN}/news/council-budget`]);
  });

  it('serves the publisher logo it names, as a raster image', async () => {
    const res = await request(t.app).get('/assets/logo.png');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('keeps "</script>" in a title inside the JSON-LD string', async () => {
    const res = await request(t.app).get('/news/hostile-title');
    const $ = expectPageBasics(res);
    expect($('script')).toHaveLength(1);
    expect(jsonLd($)[0]!.headline).toBe('Inside </script><script>alert(1)</script> the budget');
  });

  it('an open job page has JobPosting with every property Google lists, and BreadcrumbList', async () => {
    const graph = jsonLd(expectPageBasics(await request(t.app).get('/jobs/finance-manager')));
    expect(graph.map((node) => node['@type'])).toEqual(['JobPosting', 'BreadcrumbList']);
    expect(graph[0]).toMatchObject({
      title: 'Finance Manager',
      description: expect.stringContaining('<strong>small team</strong>'),
      datePosted: '2020-06-01T00:00:00+01:00',
      validThrough: '2020-07-02T00:00:00+01:00',
      employmentType: ['PART_TIME', 'TEMPORARY'],
      hiringOrganization: { '@type': 'Organization', name: 'Leeds City Council' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Leeds', addressRegion: 'West Yorkshire', addressCountry: 'GB' } },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', minValue: 40000, maxValue: 45000, unitText: 'YEAR' } },
      directApply: true,
    });
    const remote = jsonLd(expectPageBasics(await request(t.app).get('/jobs/remote-analyst')))[0]!;
    expect(remote).toMatchObject({ employmentType: 'FULL_TIME', jobLocationType: 'TELECOMMUTE' });
    expect(remote).not.toHaveProperty('directApply');
  });

  it('a closed job answers 410 without JobPosting', async () => {
    const $ = expectPageBasics(await request(t.app).get('/jobs/closed-role'), 410);
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
  });

  it.each(['/', '/page/2', '/news/council-budget', '/tags/council-finance', '/authors/asha-patel', '/jobs'])('%s carries no JobPosting', async (url) => {
    const res = await request(t.app).get(url);
    expect(res.text).not.toContain('JobPosting');
  });

  it('the home page describes the WebSite with a SearchAction', async () => {
    const graph = jsonLd(expectPageBasics(await request(t.app).get('/')));
    expect(graph[0]).toMatchObject({ '@type': 'WebSite', url: `${ORIGIN}/`, potentialAction: { '@type': 'SearchAction', target: { urlTemplate: `${ORIGIN}/search?q={search_term_string}` } } });
  });
});

describe('snippets and redirects', () => {
  it('marks the jobs sidebar and page furniture data-nosnippet, never the article', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/council-budget'));
    for (const selector of ['aside#related-jobs', '.site-header', '.site-footer', '.related-articles']) expect($(selector).attr('data-nosnippet')).toBeDefined();
    expect($('main .newsletter').closest('[data-nosnippet]')).toHaveLength(1);
    expect($('h1').closest('[data-nosnippet]')).toHaveLength(0);
    expect($('.article__body').closest('[data-nosnippet]')).toHaveLength(0);
  });

  it.each([
    ['/2020/05/funding-gap', '/news/older-one'],
    ['/news/older-one/', '/news/older-one'],
    ['/News/Older-One', '/news/older-one'],
    ['/FEED.XML', '/feed.xml'],
    ['/tags/budgets/', '/tags/budgets'],
  ])('%s answers 301 to %s', async (from, to) => {
    const res = await request(t.app).get(from);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(to);
  });
});

describe('the sample site (content/), at 2026-11-30T12:00Z', () => {
  const SAMPLE_NOW = new Date('2026-11-30T12:00:00Z');
  let sample: TestApp;
  beforeAll(async () => {
    sample = await testApp({ contentDir: path.resolve(FIXTURES, '../../content'), now: SAMPLE_NOW });
  });

  it('publishes sitemaps that validate, every URL of which answers 200', async () => {
    const res = await request(sample.app).get('/sitemap.xml');
    expect(res.status).toBe(200);
    const isIndex = res.text.includes('<sitemapindex');
    expect(await validateXsd(res.text, isIndex ? 'siteindex.xsd' : 'sitemap.xsd')).toEqual({ ok: true, output: '' });
    const sitemaps = isIndex ? await Promise.all(parseStrict(res.text, ['sitemap']).sitemapindex.sitemap.map((child: { loc: string }) => request(sample.app).get(new URL(child.loc).pathname))) : [res];
    const locs: string[] = [];
    for (const sitemap of sitemaps) {
      if (isIndex) expect(await validateXsd(sitemap.text, 'sitemap.xsd')).toEqual({ ok: true, output: '' });
      locs.push(...parseStrict(sitemap.text, ['url']).urlset.url.map((url: { loc: string }) => url.loc));
    }
    expect(locs.length).toBeGreaterThan(10);
    for (const loc of locs) expect([loc, (await request(sample.app).head(new URL(loc).pathname)).status]).toEqual([loc, 200]);
  });

  it('has a non-empty news sitemap that validates', async () => {
    const res = await request(sample.app).get('/news-sitemap.xml');
    expect(await validateXsd(res.text, 'sitemap-all.xsd')).toEqual({ ok: true, output: '' });
    expect(parseStrict(res.text, ['url']).urlset.url.length).toBeGreaterThan(0);
  });

  it('has RSS that parses strictly and Atom that validates, newest first, at most 50 items', async () => {
    const rss = parseStrict((await request(sample.app).get('/feed.xml')).text, ['item']).rss.channel;
    expect(rss.item.length).toBeGreaterThan(0);
    expect(rss.item.length).toBeLessThanOrEqual(50);
    const dates = rss.item.map((item: { pubDate: string }) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const item of rss.item) expect(item.link).toMatch(/^https?:\/\/[^/]+\/news\/[a-z0-9-]+$/);
    expect(await validateAtom((await request(sample.app).get('/atom.xml')).text)).toEqual({ ok: true, output: '' });
  });

  it('gives its newest articles NewsArticle JSON-LD and its home page WebSite', async () => {
    const rss = parseStrict((await request(sample.app).get('/feed.xml')).text, ['item']).rss.channel;
    for (const item of rss.item.slice(0, 5)) {
      const graph = jsonLd(expectPageBasics(await request(sample.app).get(new URL(item.link).pathname)));
      expect(graph[0]).toMatchObject({ '@type': 'NewsArticle', headline: item.title, publisher: { logo: { url: expect.stringMatching(/\/assets\/logo\.png$/) } } });
      expect(graph[0]!.dateModified).toMatch(/[+-]\d\d:\d\d$/);
    }
    expect(jsonLd(expectPageBasics(await request(sample.app).get('/')))[0]!['@type']).toBe('WebSite');
  });

  it('names both sitemaps in robots.txt', async () => {
    const res = await request(sample.app).get('/robots.txt');
    expect(res.text).toMatch(/^Sitemap: https?:\/\/.+\/sitemap\.xml$/m);
    expect(res.text).toMatch(/^Sitemap: https?:\/\/.+\/news-sitemap\.xml$/m);
  });
});
