/**
 * Sitemaps (sitemaps.org 0.9) and the Google News sitemap, built with
 * xmlbuilder2. Only canonical URLs are listed: syndicated copy whose
 * `canonical` points at another site is left to that site. Pure.
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import { lazyModule } from '../lazy-module.js';
import type { SiteView } from '../content/site-view.js';
import type { Article, SiteSettings } from '../content/types.js';
import { changedAt, newestChange, w3cDateTime } from './dates.js';
import { absoluteUrl } from './meta.js';

/** Loaded when the first feed or sitemap is built, not at start-up. */
const xml = lazyModule<typeof Xmlbuilder2>('xmlbuilder2');

/** The protocol's limit on URLs in one sitemap; past it, /sitemap.xml becomes an index. */
export const MAX_SITEMAP_URLS = 50_000;
/** Google News takes articles published in the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const MAX_NEWS_URLS = 1_000;

const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
  xmlns: 'http://www.w3.org/2000/xmlns/',
};

export interface SitemapEntry {
  path: string;
  lastmod?: Date;
}

/** The published ones of a view's `articles`: in preview a view also holds drafts and scheduled ones, which crawlers never get. */
export function publishedArticles(view: SiteView, articles: readonly Article[] = view.articles): readonly Article[] {
  if (!view.options.preview) return articles;
  return articles.filter((article) => !article.draft && article.date.getTime() <= view.now.getTime());
}

/** False for syndicated copy whose canonical URL is on another site. */
export function isCanonicalHere(article: Article, site: SiteSettings): boolean {
  return !article.canonical || article.canonical === absoluteUrl(site, `/news/${article.slug}`);
}

/**
 * Every public page: articles oldest first (so a new article changes only the
 * last child sitemap), then the home page, jobs, tags, authors and open jobs.
 */
export function sitemapEntries(view: SiteView): SitemapEntry[] {
  const { site } = view;
  const articles = publishedArticles(view).filter((article) => isCanonicalHere(article, site));
  const entries: SitemapEntry[] = [];
  for (let i = articles.length - 1; i >= 0; i--) entries.push({ path: `/news/${articles[i]!.slug}`, lastmod: changedAt(articles[i]!) });
  const newest = (records: Iterable<Article>) => newestChange(records, view.snapshot.loadedAt);
  entries.push({ path: '/', lastmod: newest(articles) });
  entries.push({ path: '/jobs', lastmod: newestChange(view.currentJobs, view.snapshot.loadedAt) });
  for (const listing of view.tags.values()) entries.push({ path: `/tags/${listing.tag.slug}`, lastmod: newest(listing.articles) });
  for (const listing of view.authors.values()) entries.push({ path: `/authors/${listing.author.slug}`, ...(listing.articles.length ? { lastmod: newest(listing.articles) } : {}) });
  for (const job of view.currentJobs) entries.push({ path: `/jobs/${job.slug}`, lastmod: job.posted });
  return entries;
}

/** Entries cut into sitemaps of at most `max` URLs each. */
export function sitemapChunks<T>(entries: readonly T[], max = MAX_SITEMAP_URLS): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < entries.length; start += max) chunks.push(entries.slice(start, start + max));
  return chunks;
}

/** The newest `lastmod` of `entries`, if any has one. */
export function newestLastmod(entries: readonly SitemapEntry[]): Date | undefined {
  let newest: Date | undefined;
  for (const entry of entries) if (entry.lastmod && (!newest || entry.lastmod > newest)) newest = entry.lastmod;
  return newest;
}

/** A `<urlset>` of up to MAX_SITEMAP_URLS entries. */
export function sitemapXml(entries: readonly SitemapEntry[], site: SiteSettings): string {
  return locations('urlset', 'url', entries, site);
}

/** A `<sitemapindex>` naming child sitemaps by path. */
export function sitemapIndexXml(children: readonly SitemapEntry[], site: SiteSettings): string {
  return locations('sitemapindex', 'sitemap', children, site);
}

/** `<root><item><loc/><lastmod/></item>…</root>`: the shape sitemaps and sitemap indexes share. */
function locations(root: 'urlset' | 'sitemapindex', item: 'url' | 'sitemap', entries: readonly SitemapEntry[], site: SiteSettings): string {
  const doc = xml().create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.sitemap, root);
  for (const entry of entries) {
    const element = doc.ele(item);
    element.ele('loc').txt(absoluteUrl(site, entry.path));
    if (entry.lastmod) element.ele('lastmod').txt(w3cDateTime(entry.lastmod, site.timezone));
  }
  return doc.end();
}

/**
 * Articles for the news sitemap: published in the 48 hours up to `now`
 * (exactly 48 hours old is still in), newest first, at most 1,000.
 * `articles` must be newest first, as a view's are.
 */
export function newsArticles(articles: readonly Article[], now: Date, site: SiteSettings): Article[] {
  const from = now.getTime() - NEWS_WINDOW_MS;
  const picked: Article[] = [];
  for (const article of articles) {
    const time = article.date.getTime();
    if (time < from || picked.length === MAX_NEWS_URLS) break;
    if (time <= now.getTime() && !article.draft && isCanonicalHere(article, site)) picked.push(article);
  }
  return picked;
}

/** Google News wants ISO 639 (`en` from `en-GB`), except Chinese: `zh-cn` or `zh-tw`. */
export function newsLanguage(language: string): string {
  const [primary = 'en', region = ''] = language.toLowerCase().split('-');
  if (primary === 'zh') return /^(tw|hk|mo|hant)$/.test(region) ? 'zh-tw' : 'zh-cn';
  return primary;
}

/** The Google News sitemap for `articles` (see newsArticles). An empty window gives an empty `<urlset>`. */
export function newsSitemapXml(articles: readonly Article[], site: SiteSettings): string {
  const urlset = xml().create({ version: '1.0', encoding: 'UTF-8' }).ele(NS.sitemap, 'urlset').att(NS.xmlns, 'xmlns:news', NS.news);
  for (const article of articles) {
    const url = urlset.ele('url');
    url.ele('loc').txt(absoluteUrl(site, `/news/${article.slug}`));
    const news = url.ele(NS.news, 'news:news');
    const publication = news.ele(NS.news, 'news:publication');
    publication.ele(NS.news, 'news:name').txt(site.name);
    publication.ele(NS.news, 'news:language').txt(newsLanguage(site.language));
    news.ele(NS.news, 'news:publication_date').txt(w3cDateTime(article.date, site.timezone));
    news.ele(NS.news, 'news:title').txt(article.title);
  }
  return urlset.end();
}
