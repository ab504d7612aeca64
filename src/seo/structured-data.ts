/** schema.org JSON-LD for articles and jobs, and its safe serialisation. Pure. */
import type { Article, Job, SiteSettings } from '../content/types.js';
import { absoluteUrl } from './meta.js';

type JsonLd = Record<string, unknown>;

export function newsArticle(article: Article, site: SiteSettings): JsonLd {
  const url = absoluteUrl(site, `/news/${article.slug}`);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    datePublished: article.date.toISOString(),
    dateModified: (article.updated ?? article.date).toISOString(),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    ...(article.image ? { image: [absoluteUrl(site, article.image)] } : {}),
    author: article.authors.map((author) => ({ '@type': 'Person', name: author.name, url: absoluteUrl(site, `/authors/${author.slug}`) })),
    publisher: { '@type': 'Organization', name: site.name, url: site.url },
    ...(article.tags.length ? { keywords: article.tags.map((tag) => tag.name).join(', '), articleSection: article.tags[0]!.name } : {}),
  };
}

export function jobPosting(job: Job, site: SiteSettings, descriptionHtml: string): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: job.title,
    description: descriptionHtml,
    datePosted: job.posted.toISOString(),
    ...(job.closes ? { validThrough: job.closes.toISOString() } : {}),
    hiringOrganization: { '@type': 'Organization', name: job.employer },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: job.location, addressCountry: 'GB' } },
    url: absoluteUrl(site, `/jobs/${job.slug}`),
  };
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
