/**
 * Page metadata, computed before rendering in one object: title, description,
 * canonical URL, robots, Open Graph. Pure.
 */
import { truncateText } from '../content/markdown.js';
import type { SiteSettings } from '../content/types.js';

export interface PageMeta {
  /** Full `<title>`: `Page · Site`, or the site name alone on the home page. */
  title: string;
  description: string;
  canonical: string;
  noindex: boolean;
  ogType: 'website' | 'article';
  image?: string;
  imageAlt?: string;
  prev?: string;
  next?: string;
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
    description: truncateText(input.description ?? site.description, DESCRIPTION_LENGTH),
    canonical: input.canonical ?? absoluteUrl(site, input.path),
    noindex: input.noindex ?? false,
    ogType: input.ogType ?? 'website',
    ...(input.image ? { image: absoluteUrl(site, input.image), imageAlt: input.imageAlt ?? '' } : {}),
    ...(input.prevPath ? { prev: absoluteUrl(site, input.prevPath) } : {}),
    ...(input.nextPath ? { next: absoluteUrl(site, input.nextPath) } : {}),
  };
}

/** An absolute URL on the site for a path; absolute URLs pass through. */
export function absoluteUrl(site: SiteSettings, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return `${site.url}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}
