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

/** Odd input that must give a clean page (200) on both search and the job filters. */
const ODD = [
  ['empty', ''],
  ['spaces only', '%20%20%20'],
  ['control characters', 'leeds%00%07%1B'],
  ['RTL override and marks', '%E2%80%AEleeds%E2%80%8F'],
  ['zero-width characters', 'le%E2%80%8Beds'],
  ['emoji', '%F0%9F%98%80%F0%9F%8F%B4%E2%80%8D%E2%98%A0%EF%B8%8F'],
  ['regex characters', '.*%5B(%3F%3D%5C'],
  ['regex catastrophic pattern', '(a%2B)%2B%24'],
  ['HTML', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
  ['attribute breakout', '%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'],
  ['percent sign alone', '100%25'],
  ['plus signs', 'c%2B%2B'],
] as const;

describe('bad input never fails and is never reflected unescaped', () => {
  it.each(ODD)('search: %s', async (_name, encoded) => {
    const res = await get(`/search?q=${encoded}`);
    const $ = expectPageBasics(res);
    expect(res.text).not.toMatch(/<script>alert|<img src=x/);
    expect($('main img, main script, [onerror]')).toHaveLength(0);
  });

  it.each(ODD)('jobs filters: %s', async (_name, encoded) => {
    for (const name of ['q', 'location', 'hours', 'contract']) {
      const res = await get(`/jobs?${name}=${encoded}`);
      const $ = expectPageBasics(res);
      expect(res.text).not.toMatch(/<script>alert|<img src=x/);
      expect($('main img, main script, [onerror]')).toHaveLength(0);
    }
  });

  it.each([
    ['a lone surrogate, encoded as UTF-8 bytes', '%ED%A0%80leeds'],
    ['invalid UTF-8', '%FF%FEleeds'],
    ['a broken escape', '%E2%80leeds'],
  ])('answers 400 with a message for %s', async (_name, encoded) => {
    for (const path of [`/search?q=${encoded}`, `/jobs?q=${encoded}`, `/jobs?location=${encoded}`]) {
      const $ = expectPageBasics(await get(path), 400);
      expect($('.error__detail').text()).toMatch(/encoded/);
    }
  });

  it('keeps hostile text as the value of the box, escaped', async () => {
    const $ = expectPageBasics(await get('/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'));
    expect($('#site-search-q').val()).toBe('"><img src=x onerror=alert(1)>');
    expect($('.search__count').text()).toContain('"><img src=x onerror=alert(1)>');
  });

  it('drops control and direction characters from the query it shows', async () => {
    const $ = expectPageBasics(await get('/search?q=%E2%80%AEle%00eds'));
    expect($('#site-search-q').val()).toBe('le eds');
  });

  it('cuts a very long query to 200 characters and says so', async () => {
    const $ = expectPageBasics(await get(`/search?q=${'leeds%20'.repeat(60)}`));
    expect(($('#site-search-q').val() as string).length).toBeLessThanOrEqual(200);
    expect($('.search__notice').text()).toContain('200 characters');
    const $jobs = expectPageBasics(await get(`/jobs?q=${'a'.repeat(300)}`));
    expect(($jobs('#job-filter-q').val() as string).length).toBe(200);
    expect($jobs('.job-filters__notice').text()).toContain('cut');
  });

  it.each([
    '/search?q=a&q=b',
    '/search?page=1&page=2&q=leeds',
    '/jobs?q=a&q=b',
    '/jobs?location=leeds&location=kent',
    '/jobs?salary_min=1&salary_min=2',
  ])('answers 400 with a message for the repeated parameter in %s', async (path) => {
    const $ = expectPageBasics(await get(path), 400);
    expect($('h1').text()).toBe('Bad request');
    expect($('.error__detail').text()).toMatch(/once/);
  });

  it.each(['abc', '30k', '-1', '1e5', '30000.50', '99999999', '3,0000', '0x10', '%EF%BC%93%EF%BC%90'])('answers 400 for salary_min=%s', async (value) => {
    const $ = expectPageBasics(await get(`/jobs?salary_min=${value}`), 400);
    expect($('.error__detail').text()).toContain('whole number of pounds');
  });

  it.each(['0', 'abc', '1.5', '-2', '01', '99999999999'])('answers 404 for page=%s (the site’s convention for malformed page numbers)', async (value) => {
    expectPageBasics(await get(`/search?q=leeds&page=${value}`), 404);
    expectPageBasics(await get(`/jobs?page=${value}`), 404);
  });
});
