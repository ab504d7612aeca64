/**
 * Page metadata, computed before rendering in one object: title, description,
 * canonical URL, robots, Open Graph. Pure.
 */
import { truncateText } from '../content/markdown.js';
import type { SiteSettings } from '../content/types.js';

export interface PageMeta {
  /** Full `<title>`: `Page · Site`, or the site name alone on the home page. */
  title: string;
  /** Title for Open Graph and Twitter cards: the page's own title, without the site name (which og:site_name carries). */
  socialTitle: string;
  description: string;
  canonical: string;
  noindex: boolean;
  ogType: 'website' | 'article';
  image?: string;
  imageAlt?: string;
  prev?: string;
  next?: string;
  /** Feeds to advertise with `<link rel="alternate">`: the site's RSS and Atom, and a tag page's own feed. */
  feeds: FeedLink[];
  /** Open Graph locale, `en_GB`. */
  locale: string;
}

export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml';
  title: string;
  href: string;
}

export interface MetaInput {
  site: SiteSettings;
  /** Path of the page on this site; the canonical URL is built from it. */
  path: string;
  /** Page title without the site name; absent on the home page. */
  title?: string;
  description?: string;
  /** An absolute canonical URL that overrides the path (syndicated copy). */
  canonical?: string;
  noindex?: boolean;
  ogType?: PageMeta['ogType'];
  image?: string;
  imageAlt?: string;
  prevPath?: string;
  nextPath?: string;
}

export const DESCRIPTION_LENGTH = 160;

export function pageMeta(input: MetaInput): PageMeta {
  const { site } = input;
  return {
    title: input.title ? `${input.title} · ${site.name}` : site.name,
    socialTitle: input.title ?? site.name,
    description: truncateText(input.description ?? site.description, DESCRIPTION_LENGTH),
    canonical: input.canonical ?? absoluteUrl(site, input.path),
    noindex: input.noindex ?? false,
    ogType: input.ogType ?? 'website',
    ...(input.image ? { image: absoluteUrl(site, input.image), imageAlt: input.imageAlt ?? '' } : {}),
    ...(input.prevPath ? { prev: absoluteUrl(site, input.prevPath) } : {}),
    ...(input.nextPath ? { next: absoluteUrl(site, input.nextPath) } : {}),
    feeds: feedLinks(site, input.path, input.title),
    locale: site.language.replace('-', '_'),
  };
}

/** The site's feeds, plus the tag's own feed on a tag page (`/tags/SLUG`, `/tags/SLUG/page/N`, titled by the tag's name). */
export function feedLinks(site: SiteSettings, path: string, title?: string): FeedLink[] {
  const feeds: FeedLink[] = [
    { type: 'application/rss+xml', title: `${site.name} (RSS)`, href: absoluteUrl(site, '/feed.xml') },
    { type: 'application/atom+xml', title: `${site.name} (Atom)`, href: absoluteUrl(site, '/atom.xml') },
  ];
  const tag = /^\/tags\/([a-z0-9-]+)(\/|$)/.exec(path)?.[1];
  if (tag) {
    const name = title?.replace(/, page \d+$/, '') ?? tag;
    feeds.push({ type: 'application/rss+xml', title: `${site.name}: ${name} (RSS)`, href: absoluteUrl(site, `/tags/${tag}/feed.xml`) });
  }
  return feeds;
}

/** An absolute URL on the site for a path; absolute URLs pass through. */
export function absoluteUrl(site: SiteSettings, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return `${site.url}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}
