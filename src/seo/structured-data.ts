/**
 * schema.org JSON-LD, per Google's rules: one graph per page (a page has one
 * `<script type="application/ld+json">`), and its safe serialisation. Pure.
 */
import type { Article, SiteSettings } from '../content/types.js';
import { w3cDateTime } from './dates.js';
import { absoluteUrl } from './meta.js';

export type JsonLd = Record<string, unknown>;

/** The publisher's logo: a raster image (Google does not take SVG), in public/. */
export const LOGO = { path: '/assets/logo.png', width: 512, height: 512 } as const;

/** One JSON-LD document holding every node of a page. */
export function jsonLdGraph(...nodes: JsonLd[]): JsonLd {
  return { '@context': 'https://schema.org', '@graph': nodes };
}

/** The news organisation behind the site, with its logo. */
export function publisher(site: SiteSettings): JsonLd {
  return {
    '@type': 'Organization',
    '@id': `${site.url}/#publisher`,
    name: site.name,
    url: `${site.url}/`,
    logo: { '@type': 'ImageObject', url: absoluteUrl(site, LOGO.path), width: LOGO.width, height: LOGO.height },
  };
}

export function newsArticle(article: Article, site: SiteSettings): JsonLd {
  const url = absoluteUrl(site, `/news/${article.slug}`);
  const authors = article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: absoluteUrl(site, `/authors/${author.slug}`) }));
  return {
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    headline: article.title,
    description: article.summary,
    datePublished: w3cDateTime(article.date, site.timezone),
    dateModified: w3cDateTime(article.updated ?? article.date, site.timezone),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: site.language,
    ...(article.image ? { image: [absoluteUrl(site, article.image)] } : {}),
    // Agency copy has no byline: credit the original publication, else this one.
    author: authors.length ? authors : article.publication ? [{ '@type': 'Organization', name: article.publication }] : [{ '@id': `${site.url}/#publisher` }],
    publisher: publisher(site),
    ...(article.tags.length ? { articleSection: article.tags[0]!.name, keywords: article.tags.map((tag) => tag.name) } : {}),
    isAccessibleForFree: true,
  };
}

/** Home › section › page: each crumb a name and a path on the site. */
export function breadcrumbList(site: SiteSettings, crumbs: ReadonlyArray<{ name: string; path: string }>): JsonLd {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: site.name, path: '/' }, ...crumbs].map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(site, crumb.path),
    })),
  };
}

/** An article page: the article and its breadcrumbs (home › first topic › article). */
export function articlePageJsonLd(article: Article, site: SiteSettings): JsonLd {
  const section = article.tags[0];
  const crumbs = [...(section ? [{ name: section.name, path: `/tags/${section.slug}` }] : []), { name: article.title, path: `/news/${article.slug}` }];
  return jsonLdGraph(newsArticle(article, site), breadcrumbList(site, crumbs));
}

/** The home page: the site, with a search box target, and its publisher. */
export function homePageJsonLd(site: SiteSettings): JsonLd {
  return jsonLdGraph(
    {
      '@type': 'WebSite',
      '@id': `${site.url}/#website`,
      name: site.name,
      url: `${site.url}/`,
      ...(site.description ? { description: site.description } : {}),
      inLanguage: site.language,
      publisher: { '@id': `${site.url}/#publisher` },
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${site.url}/search?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    },
    publisher(site),
  );
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
 * are escaped so text such as `</script>` in a title cannot end the element.
 */
export function jsonLdScript(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
