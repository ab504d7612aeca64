import { describe, expect, it } from 'vitest';
import { SiteView } from '../../src/content/site-view.js';
import { robotsTxt } from '../../src/seo/robots.js';
import {
  MAX_NEWS_URLS, MAX_SITEMAP_URLS, NEWS_WINDOW_MS, newsArticles, newsLanguage, newsSitemapXml, sitemapChunks, sitemapEntries, sitemapIndexXml, sitemapXml,
} from '../../src/seo/sitemaps.js';
import { SITE, article, articles, job, snapshotOf } from './support/records.js';
import { parseStrict, validateXsd } from './support/xml.js';

const NOW = new Date('2020-06-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('news sitemap window', () => {
  it.each([
    ['published just now', 0, true],
    ['exactly 48 hours old', NEWS_WINDOW_MS, true],
    ['48 hours and 1 ms old', NEWS_WINDOW_MS + 1, false],
    ['a week old', 7 * 24 * 3600_000, false],
    ['scheduled 1 ms ahead', -1, false],
  ])('an article %s is %s', (_name, age, included) => {
    const picked = newsArticles([article('a', ago(age))], NOW, SITE);
    expect(picked.length === 1).toBe(included);
  });

  it('leaves out drafts and syndicated copy whose canonical URL is elsewhere, and keeps newest first', () => {
    const list = [
      article('newest', ago(1000)),
      article('draft', ago(2000), { draft: true }),
      article('syndicated', ago(3000), { canonical: 'https://other.example.com/x' }),
      article('self-canonical', ago(4000), { canonical: 'https://memory.example.org/news/self-canonical' }),
    ];
    expect(newsArticles(list, NOW, SITE).map((a) => a.slug)).toEqual(['newest', 'self-canonical']);
  });

  it(`keeps at most ${MAX_NEWS_URLS} articles, the newest`, () => {
    const picked = newsArticles(articles(1500, NOW), NOW, SITE);
    expect(picked).toHaveLength(MAX_NEWS_URLS);
    expect(picked[0]!.slug).toBe('story-0');
  });

  it.each([
    ['en-GB', 'en'],
    ['en', 'en'],
    ['cy-GB', 'cy'],
    ['zh-TW', 'zh-tw'],
    ['zh-Hans-CN', 'zh-cn'],
  ])('names the language %s as %s', (tag, code) => {
    expect(newsLanguage(tag)).toBe(code);
  });
});

describe('news sitemap XML', () => {
  it('validates against the sitemaps.org and Google News schemas and carries every required element', async () => {
    const list = [article('budget', new Date('2020-06-10T08:00:00Z'), { title: 'Budget & cuts <b>' }), article('two', new Date('2020-06-09T08:00:00Z'))];
    const xml = newsSitemapXml(list, { ...SITE, name: 'Memory & News' });
    expect(await validateXsd(xml, 'sitemap-all.xsd')).toEqual({ ok: true, output: '' });
    const urls = parseStrict(xml, ['url']).urlset.url;
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatchObject({
      loc: 'https://memory.example.org/news/budget',
      'news:news': {
        'news:publication': { 'news:name': 'Memory & News', 'news:language': 'en' },
        'news:publication_date': '2020-06-10T09:00:00+01:00',
        'news:title': 'Budget & cuts <b>',
      },
    });
  });

  it('is checked by a validator that does reject a bad news sitemap', async () => {
    const xml = newsSitemapXml([article('a', NOW)], SITE).replace('<news:language>en</news:language>', '');
    expect((await validateXsd(xml, 'sitemap-all.xsd')).ok).toBe(false);
  });

  it('is an empty urlset when nothing is recent', () => {
    const doc = parseStrict(newsSitemapXml([], SITE));
    expect(doc.urlset.url).toBeUndefined();
  });
});

describe('sitemap', () => {
  const snapshot = snapshotOf([
    article('new', new Date('2020-06-10T08:00:00Z'), { updated: new Date('2020-06-10T10:00:00Z'), tags: [{ name: 'Budgets', slug: 'budgets' }], authors: [{ name: 'Asha Patel', slug: 'asha-patel' }] }),
    article('old', new Date('2019-01-01T08:00:00Z'), { tags: [{ name: 'Budgets', slug: 'budgets' }] }),
    article('syndicated', new Date('2020-01-01T08:00:00Z'), { canonical: 'https://other.example.com/story' }),
    article('draft', new Date('2020-06-01T08:00:00Z'), { draft: true }),
    article('scheduled', new Date('2030-01-01T08:00:00Z')),
    job('open', new Date('2020-06-01T00:00:00Z'), { closes: new Date('2030-01-01T00:00:00Z') }),
    job('closed', new Date('2020-01-01T00:00:00Z'), { closes: new Date('2020-02-01T00:00:00Z') }),
  ]);
  const view = new SiteView(snapshot, NOW, { preview: false });

  it('lists every public page once, articles oldest first, with lastmod from updated/date', () => {
    const entries = sitemapEntries(view);
    expect(entries.map((e) => e.path)).toEqual(['/news/old', '/news/new', '/', '/jobs', '/tags/budgets', '/authors/asha-patel', '/jobs/open']);
    expect(entries[1]!.lastmod).toEqual(new Date('2020-06-10T10:00:00Z'));
    expect(entries.find((e) => e.path === '/tags/budgets')!.lastmod).toEqual(new Date('2020-06-10T10:00:00Z'));
  });

  it('validates against the sitemaps.org schema, with zone offsets on lastmod', async () => {
    const xml = sitemapXml(sitemapEntries(view), SITE);
    expect(await validateXsd(xml, 'sitemap.xsd')).toEqual({ ok: true, output: '' });
    const urls = parseStrict(xml, ['url']).urlset.url;
    expect(urls[1]).toEqual({ loc: 'https://memory.example.org/news/new', lastmod: '2020-06-10T11:00:00+01:00' });
    for (const url of urls) expect(url.loc).toMatch(/^https:\/\/memory\.example\.org\//);
  });

  it('cuts entries into sitemaps of at most 50,000 URLs', () => {
    const entries = Array.from({ length: 2 * MAX_SITEMAP_URLS + 1 }, (_, i) => i);
    expect(sitemapChunks(entries).map((chunk) => chunk.length)).toEqual([MAX_SITEMAP_URLS, MAX_SITEMAP_URLS, 1]);
    expect(sitemapChunks(entries.slice(0, MAX_SITEMAP_URLS))).toHaveLength(1);
    expect(sitemapChunks([])).toEqual([]);
  });

  it('builds a sitemap index that validates against siteindex.xsd', async () => {
    const xml = sitemapIndexXml([{ path: '/sitemap-1.xml', lastmod: NOW }, { path: '/sitemap-2.xml' }], SITE);
    expect(await validateXsd(xml, 'siteindex.xsd')).toEqual({ ok: true, output: '' });
    expect(parseStrict(xml, ['sitemap']).sitemapindex.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      'https://memory.example.org/sitemap-1.xml',
      'https://memory.example.org/sitemap-2.xml',
    ]);
  });
});

describe('robots.txt', () => {
  it('names both sitemaps with absolute URLs', () => {
    const text = robotsTxt(SITE, { preview: false });
    expect(text).toContain('Sitemap: https://memory.example.org/sitemap.xml\n');
    expect(text).toContain('Sitemap: https://memory.example.org/news-sitemap.xml\n');
    expect(text).toMatch(/^User-agent: \*$/m);
  });

  it('shuts crawlers out of a preview server', () => {
    expect(robotsTxt(SITE, { preview: true })).toBe('User-agent: *\nDisallow: /\n');
  });
});
