import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { expectPageBasics } from '../support/html.js';
import { SEARCH_FIXTURE, SEARCH_NOW } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ contentDir: SEARCH_FIXTURE, now: SEARCH_NOW });
});

const get = (path: string) => request(t.app).get(path);
const resultLinks = ($: ReturnType<typeof expectPageBasics>) => $('.search-result__title a').map((_, a) => $(a).attr('href')).get();

describe('GET /search', () => {
  it('lists matches best first with title, date, highlighted snippet and a count', async () => {
    const $ = expectPageBasics(await get('/search?q=inspection'));
    expect(resultLinks($)).toEqual(['/news/ofsted-inspection-leeds', '/news/budget-round-up']);
    expect($('.search__count').text()).toBe('2 results for “inspection”');
    expect($('.search-result__title').first().find('mark').text()).toBe('inspection');
    expect($('.search-result time').first().attr('datetime')).toBe('2023-01-10T09:00:00+00:00');
    expect($('.search-result time').first().text()).toBe('10 January 2023');
    const snippet = $('.search-result__snippet').eq(1);
    expect(snippet.find('mark').text()).toBe('inspection');
    expect(snippet.text()).toMatch(/^… .*inspection of the accounts.* …$/);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    expect($('title').text()).toBe('Search results for “inspection” · Search Fixture News');
  });

  it('keeps the query in the header search box', async () => {
    const $ = expectPageBasics(await get('/search?q=Caf%C3%A9+culture'));
    expect($('header form[role="search"] input[name="q"]').val()).toBe('Café culture');
    expect(resultLinks($)[0]).toBe('/news/cafe-culture-bolton');
  });

  it('paginates, with links that keep the query', async () => {
    const $ = expectPageBasics(await get('/search?q=bulletin'));
    expect($('.search__count').text()).toBe('5 results for “bulletin”');
    expect(resultLinks($)).toHaveLength(3);
    const next = $('.pagination a[rel="next"]').attr('href');
    expect(next).toBe('/search?q=bulletin&page=2');
    const $2 = expectPageBasics(await get(next!));
    expect(resultLinks($2)).toHaveLength(2);
    expect($2('.search-results').attr('start')).toBe('4');
    expect($2('.pagination a[rel="prev"]').attr('href')).toBe('/search?q=bulletin');
    expect(new Set([...resultLinks($), ...resultLinks($2)]).size).toBe(5);
    expectPageBasics(await get('/search?q=bulletin&page=3'), 404);
  });

  it('prompts for words when there is no query', async () => {
    for (const path of ['/search', '/search?q=', '/search?q=+++']) {
      const $ = expectPageBasics(await get(path));
      expect($('h1').text()).toBe('Search');
      expect($('.search__prompt').text()).toContain('search box');
      expect($('.search-result')).toHaveLength(0);
    }
  });

  it('suggests what to try when nothing matches', async () => {
    const $ = expectPageBasics(await get('/search?q=xylophone'));
    expect($('.search__count').text()).toBe('No results for “xylophone”');
    const suggestions = $('.search__suggestions').text();
    expect(suggestions).toContain('Check the spelling');
    expect(suggestions).toContain('fewer words');
    expect($('.search__suggestions a[href="/"]').text()).toBe('latest news');
    expect($('.search__suggestions a[href^="/tags/"]').length).toBeGreaterThan(0);
  });

  it('says when the hits have only some of the words', async () => {
    const $ = expectPageBasics(await get('/search?q=pothole+xylophone'));
    expect($('.search__notice').text()).toContain('some of them');
    expect(resultLinks($)).toEqual(['/news/pothole-repairs-2024', '/news/pothole-repairs-2020']);
  });

  it('never lists drafts or scheduled articles', async () => {
    const $ = expectPageBasics(await get('/search?q=inspection+draft+scheduled+secret'));
    expect(resultLinks($)).not.toContain('/news/draft-inspection');
    expect(resultLinks($)).not.toContain('/news/scheduled-inspection');
  });

  it('escapes hostile titles and snippets, and highlights inside the escaped text', async () => {
    const res = await get('/search?q=zebra+script');
    const $ = expectPageBasics(res);
    expect(resultLinks($)).toEqual(['/news/hostile-search']);
    expect($('.search-result__title').text()).toBe('Hostile <script>alert(1)</script> headline');
    expect($('.search-result__snippet').text()).toContain('"><img src=x onerror=alert(1)>');
    expect($('main script, main img, [onerror]')).toHaveLength(0);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<script>alert');
  });
});

describe('search box in the layout', () => {
  it.each(['/', '/jobs', '/news/ofsted-inspection-leeds', '/search?q=leeds', '/no-such-page'])('is on %s: a labelled GET form to /search', async (path) => {
    const res = await get(path);
    const $ = expectPageBasics(res, path === '/no-such-page' ? 404 : 200);
    const form = $('header form[role="search"]');
    expect(form.attr('action')).toBe('/search');
    expect(form.attr('method')).toBe('get');
    const input = form.find('input[name="q"]');
    expect($(`label[for="${input.attr('id')}"]`).text()).toBe('Search news');
    expect(form.find('button[type="submit"]')).toHaveLength(1);
    expect(input.attr('tabindex')).toBeUndefined();
  });

  it('has a Jobs link in the header', async () => {
    const $ = expectPageBasics(await get('/'));
    expect($('header nav a[href="/jobs"]').text()).toBe('Jobs');
  });
});
