/** The absolute links and list headers every newsletter email carries. Pure. */
import type { SiteSettings } from '../content/types.js';
import { absoluteUrl } from '../seo/meta.js';

export const confirmUrl = (site: SiteSettings, token: string): string => absoluteUrl(site, `/newsletter/confirm?token=${token}`);

export const unsubscribeUrl = (site: SiteSettings, token: string): string => absoluteUrl(site, `/newsletter/unsubscribe?token=${token}`);

/**
 * RFC 2369 / RFC 8058 headers: mail programs show an "Unsubscribe" button,
 * and POST `List-Unsubscribe=One-Click` to the URL when it is pressed.
 */
export function listHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** The host part of the site URL, for Message-IDs and the default From address. */
export const siteHost = (site: SiteSettings): string => new URL(site.url).hostname;
