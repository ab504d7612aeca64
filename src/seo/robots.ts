/** robots.txt: what crawlers may fetch, and where the sitemaps are. Pure. */
import type { SiteSettings } from '../content/types.js';
import { absoluteUrl } from './meta.js';

export function robotsTxt(site: SiteSettings, options: { preview: boolean }): string {
  // A preview server shows drafts: nothing of it may be crawled.
  if (options.preview) return 'User-agent: *\nDisallow: /\n';
  return [
    'User-agent: *',
    // Search results are endless thin pages; articles are reached through sitemaps and links.
    'Disallow: /search',
    'Allow: /',
    '',
    `Sitemap: ${absoluteUrl(site, '/sitemap.xml')}`,
    `Sitemap: ${absoluteUrl(site, '/news-sitemap.xml')}`,
    '',
  ].join('\n');
}
