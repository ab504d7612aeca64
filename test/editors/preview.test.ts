/**
 * Issue 5: PREVIEW=1 serves and lists drafts and scheduled articles, each
 * labelled, with noindex; without it they are 404 and appear nowhere.
 */
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { expectPageBasics, parse } from '../support/html.js';

let preview: TestApp;
let normal: TestApp;

beforeAll(async () => {
  [preview, normal] = await Promise.all([testApp({ env: { PREVIEW: '1' } }), testApp()]);
});

/** Every card of a paged listing, following rel=next: href → label ('' when none). */
async function cards(t: TestApp, first: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let pathname: string | undefined = first; pathname; ) {
    const $ = parse((await request(t.app).get(pathname)).text);
    $('main .card').each((_, card) => {
      found.set($(card).find('.card__title a').attr('href')!, $(card).find('.card__status').text().trim());
    });
    const next = $('link[rel="next"]').attr('href');
    pathname = next ? new URL(next).pathname : undefined;
  }
  return found;
}

describe('preview mode (PREVIEW=1)', () => {
  it('lists drafts and scheduled articles on the home pages with a visible label, and published ones without', async () => {
    const home = await cards(preview, '/');
    expect(home.get('/news/draft-story')).toBe('Draft');
    expect(home.get('/news/scheduled-story')).toBe('Scheduled for 1 January 2030 at 09:00');
    expect(home.get('/news/sandwell-trust')).toBe('');
  });

  it('lists them on their tag pages, labelled', async () => {
    expect((await cards(preview, '/tags/children-s-services')).get('/news/draft-story')).toBe('Draft');
    expect((await cards(preview, '/tags/ofsted')).get('/news/scheduled-story')).toMatch(/^Scheduled for /);
  });

  it.each([
    ['/news/draft-story', /^Draft: not published/],
    ['/news/scheduled-story', /^Scheduled for 1 January 2030 at 09:00/],
  ])('serves %s with its banner and noindex', async (pathname, banner) => {
    const $ = expectPageBasics(await request(preview.app).get(pathname));
    expect($('.status-banner').text()).toMatch(banner);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('.preview-notice').length).toBe(1);
  });
});

describe('normal mode', () => {
  it.each(['/news/draft-story', '/news/scheduled-story'])('answers 404 for %s', async (pathname) => {
    expectPageBasics(await request(normal.app).get(pathname), 404);
  });

  it('lists drafts and scheduled articles nowhere: home, tag pages, feeds, sitemaps, search', async () => {
    const listed = [...(await cards(normal, '/')).keys(), ...(await cards(normal, '/tags/children-s-services')).keys(), ...(await cards(normal, '/tags/ofsted')).keys()];
    expect(listed).toContain('/news/sandwell-trust');
    const crawled = await Promise.all(['/feed.xml', '/atom.xml', '/sitemap.xml', '/news-sitemap.xml', '/search?q=story'].map(async (p) => (await request(normal.app).get(p)).text));
    for (const text of [listed.join(' '), ...crawled]) {
      expect(text).not.toContain('draft-story');
      expect(text).not.toContain('scheduled-story');
    }
    const $ = parse((await request(normal.app).get('/')).text);
    expect($('.card__status, .status-banner, .preview-notice')).toHaveLength(0);
  });
});
