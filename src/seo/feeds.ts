/**
 * RSS 2.0 and Atom 1.0 feeds of articles, built with xmlbuilder2 (which
 * escapes every text and attribute). Each item carries the standfirst as its
 * summary and the full body as its content, with links made absolute.
 * Pure: the caller passes the articles, the body renderer and the date.
 */
import type * as Xmlbuilder2 from 'xmlbuilder2';
import { lazyModule } from '../lazy-module.js';
import type { Article, SiteSettings } from '../content/types.js';
import { calendarDate, rfc822DateTime, w3cDateTime } from './dates.js';
import { absoluteUrl } from './meta.js';
import { LOGO } from './structured-data.js';

/** Loaded when the first feed or sitemap is built, not at start-up. */
const xml = lazyModule<typeof Xmlbuilder2>('xmlbuilder2');

type XMLBuilder = ReturnType<typeof Xmlbuilder2.create>;

/** How many articles a feed carries, newest first. */
export const FEED_SIZE = 50;

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  xmlns: 'http://www.w3.org/2000/xmlns/',
};

export interface FeedSpec {
  site: SiteSettings;
  title: string;
  description: string;
  /** The HTML page the feed mirrors (`/`, `/tags/SLUG`). */
  path: string;
  /** Where the feed itself lives (`/feed.xml`). */
  selfPath: string;
  /** Newest first; only the first FEED_SIZE are used. */
  articles: readonly Article[];
  /** The feed's last change (newest article's `updated`/`date`, else the content's load time). */
  updated: Date;
  /** Sanitised HTML of an article's body. */
  bodyHtml: (article: Article) => string;
}

/**
 * A GUID that survives title edits: a `tag:` URI (RFC 4151) from the site's
 * host, the publication date and the article's path.
 */
export function articleGuid(article: Article, site: SiteSettings): string {
  return `tag:${new URL(site.url).hostname},${calendarDate(article.date, site.timezone)}:/news/${article.slug}`;
}

/** Sanitised body HTML with root-relative `href`/`src` made absolute, for readers off the site. */
export function absoluteLinks(html: string, site: SiteSettings): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${site.url}/`);
}

/** The lead image as Media RSS (`media:content`), which feed readers show as the item's picture. */
function addLeadImage(parent: XMLBuilder, article: Article, site: SiteSettings): void {
  if (!article.image) return;
  const media = parent.ele(NS.media, 'media:content', { url: absoluteUrl(site, article.image), medium: 'image' });
  if (article.imageAlt) media.ele(NS.media, 'media:description', { type: 'plain' }).txt(article.imageAlt);
}

export function rssXml(spec: FeedSpec): string {
  const { site } = spec;
  const rss = xml().create({ version: '1.0', encoding: 'UTF-8' })
    .ele('rss', { version: '2.0' })
    .att(NS.xmlns, 'xmlns:atom', NS.atom)
    .att(NS.xmlns, 'xmlns:content', NS.content)
    .att(NS.xmlns, 'xmlns:dc', NS.dc)
    .att(NS.xmlns, 'xmlns:media', NS.media);
  const channel = rss.ele('channel');
  channel.ele('title').txt(spec.title);
  channel.ele('link').txt(absoluteUrl(site, spec.path));
  channel.ele('description').txt(spec.description);
  channel.ele('language').txt(site.language.toLowerCase());
  channel.ele('lastBuildDate').txt(rfc822DateTime(spec.updated, site.timezone));
  channel.ele(NS.atom, 'atom:link', { href: absoluteUrl(site, spec.selfPath), rel: 'self', type: 'application/rss+xml' });
  const image = channel.ele('image');
  image.ele('url').txt(absoluteUrl(site, LOGO.path));
  image.ele('title').txt(spec.title);
  image.ele('link').txt(absoluteUrl(site, spec.path));
  for (const article of spec.articles.slice(0, FEED_SIZE)) {
    const item = channel.ele('item');
    item.ele('title').txt(article.title);
    item.ele('link').txt(absoluteUrl(site, `/news/${article.slug}`));
    item.ele('guid', { isPermaLink: 'false' }).txt(articleGuid(article, site));
    item.ele('pubDate').txt(rfc822DateTime(article.date, site.timezone));
    item.ele('description').txt(article.summary);
    item.ele(NS.content, 'content:encoded').txt(absoluteLinks(spec.bodyHtml(article), site));
    addLeadImage(item, article, site);
    for (const author of article.authors) item.ele(NS.dc, 'dc:creator').txt(author.name);
    if (!article.authors.length) item.ele(NS.dc, 'dc:creator').txt(article.publication ?? site.name);
    for (const tag of article.tags) item.ele('category', { domain: absoluteUrl(site, `/tags/${tag.slug}`) }).txt(tag.name);
  }
  return rss.end({ prettyPrint: true });
}

export function atomXml(spec: FeedSpec): string {
  const { site } = spec;
  const feed = xml().create({ version: '1.0', encoding: 'UTF-8' })
    .ele(NS.atom, 'feed', { 'xml:lang': site.language })
    .att(NS.xmlns, 'xmlns:media', NS.media);
  feed.ele('id').txt(absoluteUrl(site, spec.selfPath));
  feed.ele('title', { type: 'text' }).txt(spec.title);
  if (spec.description) feed.ele('subtitle', { type: 'text' }).txt(spec.description);
  feed.ele('updated').txt(w3cDateTime(spec.updated, site.timezone));
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: absoluteUrl(site, spec.selfPath) });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(site, spec.path) });
  feed.ele('author').ele('name').txt(site.name).up().ele('uri').txt(`${site.url}/`);
  feed.ele('icon').txt(absoluteUrl(site, LOGO.path));
  feed.ele('logo').txt(absoluteUrl(site, LOGO.path));
  for (const article of spec.articles.slice(0, FEED_SIZE)) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(articleGuid(article, site));
    entry.ele('title', { type: 'text' }).txt(article.title);
    entry.ele('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(site, `/news/${article.slug}`) });
    entry.ele('published').txt(w3cDateTime(article.date, site.timezone));
    entry.ele('updated').txt(w3cDateTime(article.updated ?? article.date, site.timezone));
    for (const author of article.authors) entry.ele('author').ele('name').txt(author.name).up().ele('uri').txt(absoluteUrl(site, `/authors/${author.slug}`));
    if (!article.authors.length && article.publication) entry.ele('author').ele('name').txt(article.publication);
    for (const tag of article.tags) entry.ele('category', { term: tag.slug, label: tag.name, scheme: absoluteUrl(site, '/tags/') });
    entry.ele('summary', { type: 'text' }).txt(article.summary);
    entry.ele('content', { type: 'html' }).txt(absoluteLinks(spec.bodyHtml(article), site));
    addLeadImage(entry, article, site);
  }
  return feed.end({ prettyPrint: true });
}
