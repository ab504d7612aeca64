import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectPageBasics } from '../support/html.js';
import { testApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('home and pagination', () => {
  it('lists the newest articles first, perPage a page, without drafts or scheduled ones', async () => {
    const $ = expectPageBasics(await request(t.app).get('/'));
    expect($('main .card__title a').map((_, a) => $(a).attr('href')).get()).toEqual(['/news/sandwell-trust', '/news/birmingham-trust']);
    expect($('link[rel="next"]').attr('href')).toBe('https://news.example.org/page/2');
    expect($('title').text()).toBe('Fixture News');
  });

  it('serves the last page and 404s past it', async () => {
    const $ = expectPageBasics(await request(t.app).get('/page/2'));
    expect($('main .card__title a').map((_, a) => $(a).attr('href')).get()).toEqual(['/news/hostile']);
    expect($('link[rel="prev"]').attr('href')).toBe('https://news.example.org/');
    expect((await request(t.app).get('/page/3')).status).toBe(404);
  });

  it.each(['/page/0', '/page/-1', '/page/01', '/page/1.5', '/page/abc', '/page/99999999999', '/tags/ofsted/page/0', '/authors/laura-sharman/page/x'])('answers 404 for %s', async (path) => {
    expectPageBasics(await request(t.app).get(path), 404);
  });

  it('redirects /page/1 to the home page', async () => {
    const res = await request(t.app).get('/page/1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/');
  });
});

describe('article page', () => {
  it('shows headline, byline with author links, dates, standfirst, body, tags, comments notice and sidebar', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/sandwell-trust'));
    expect($('h1').text()).toBe("Sandwell children's services facing move to voluntary trust");
    expect($('title').text()).toBe("Sandwell children's services facing move to voluntary trust · Fixture News");
    expect($('.article__byline a[rel="author"]').attr('href')).toBe('/authors/william-eichler');
    expect($('.article__byline time').attr('datetime')).toBe('2016-06-10T09:30:00+01:00');
    expect($('.article__standfirst').text()).toContain('voluntary trust');
    expect($('.article__body strong').text()).toBe('Sandwell Council');
    expect($('.article__body a[href="https://www.ofsted.gov.uk/report"]').attr('rel')).toBe('noopener');
    expect($('.article__tags a').map((_, a) => $(a).attr('href')).get()).toEqual(['/tags/children-s-services', '/tags/ofsted']);
    expect($('.article__comments').text()).toContain('not accepting comments');
    expect($('.newsletter').length).toBeGreaterThan(0);
    expect($('script[type="application/ld+json"]')).toHaveLength(1);
    expect(JSON.parse($('script[type="application/ld+json"]').text())['@graph'][0]['@type']).toBe('NewsArticle');
  });

  it('lists pinned jobs first in the sidebar, each a link to its job page, never a closed job', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/sandwell-trust'));
    const aside = $('aside#related-jobs');
    expect(aside.find('h2').first().text()).toBe('Social care jobs');
    const links = aside.find('.job-card__title a').map((_, a) => $(a).attr('href')).get();
    expect(links[0]).toBe('/jobs/family-worker');
    expect(links).not.toContain('/jobs/closed-job');
    expect(links).toHaveLength(3);
    expect(aside.find('.job-card__recruiter').first().text()).toBe("Recruiter: Sandwell Children's Trust");
  });

  it('shows the lead image with its alt text, and related articles by shared tags', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/birmingham-trust'));
    expect($('.article__image img').attr('alt')).toBe('Birmingham council house');
    expect($('.related-articles a').map((_, a) => $(a).attr('href')).get()).toContain('/news/sandwell-trust');
  });

  it('escapes a hostile title and sanitises a hostile body', async () => {
    const $ = expectPageBasics(await request(t.app).get('/news/hostile'));
    expect($('h1').text()).toBe("<script>alert('title')</script> Hostile & bold");
    expect($('body script, iframe, style, [style]')).toHaveLength(0);
    // The site's own forms (search, newsletter sign-up) are there; none comes from the article.
    expect($('.article__body').find('form, input')).toHaveLength(0);
    expect($('form[action="/newsletter"]')).toHaveLength(2);
    const handlers = $('*').filter((_, el) => Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).some((name) => name.startsWith('on')));
    expect(handlers).toHaveLength(0);
    expect($('a[href^="javascript"], a[href^="JAVASCRIPT"]')).toHaveLength(0);
    expect($('.article__tags a').text()).toBe('<img src=x onerror=alert(1)>');
    expect($('.article__body p').text()).toContain('Styled paragraph');
    // The JSON-LD keeps "</script>" inside its string.
    expect($('head script')).toHaveLength(1);
    expect(JSON.parse($('script[type="application/ld+json"]').text())['@graph'][0].headline).toBe("<script>alert('title')</script> Hostile & bold");
  });

  it.each(['/news/draft-story', '/news/scheduled-story', '/news/no-such-story', '/news/bad%20slug', '/news/..%2f..%2fetc%2fpasswd'])('answers 404 for %s', async (path) => {
    expectPageBasics(await request(t.app).get(path), 404);
  });

  it('redirects an alias to the article', async () => {
    const res = await request(t.app).get('/old/sandwell-trust');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/news/sandwell-trust');
  });

  it.each([
    ['/news/sandwell-trust/', '/news/sandwell-trust'],
    ['/News/Sandwell-Trust', '/news/sandwell-trust'],
    ['//evil.example.com/', '/evil.example.com'],
    ['/jobs/?page=2', '/jobs?page=2'],
  ])('redirects %s to the canonical %s', async (from, to) => {
    const res = await request(t.app).get(from);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(to);
  });
});

describe('tag and author pages', () => {
  it('lists a tag’s articles', async () => {
    const $ = expectPageBasics(await request(t.app).get('/tags/children-s-services'));
    expect($('h1').text()).toContain("children's services");
    expect($('main .card__title a').map((_, a) => $(a).attr('href')).get()).toEqual(['/news/sandwell-trust', '/news/birmingham-trust']);
  });

  it('shows an author’s profile and articles', async () => {
    const $ = expectPageBasics(await request(t.app).get('/authors/william-eichler'));
    expect($('h1').text()).toBe('William Eichler');
    expect($('.listing__role').text()).toBe('Reporter');
    expect($('.listing__bio strong').text()).toBe("children's services");
    expect($('main .card__title a').map((_, a) => $(a).attr('href')).get()).toEqual(['/news/sandwell-trust']);
  });

  it('404s for unknown tags and authors, and for tags only drafts use', async () => {
    expectPageBasics(await request(t.app).get('/tags/nothing-here'), 404);
    expectPageBasics(await request(t.app).get('/authors/nobody'), 404);
  });
});

describe('jobs', () => {
  it('lists current jobs newest first', async () => {
    const $ = expectPageBasics(await request(t.app).get('/jobs'));
    expect($('.job-card__title a').map((_, a) => $(a).attr('href')).get()).toEqual(['/jobs/family-worker', '/jobs/social-worker']);
    const $2 = expectPageBasics(await request(t.app).get('/jobs?page=2'));
    expect($2('.job-card__title a').map((_, a) => $2(a).attr('href')).get()).toEqual(['/jobs/highways-engineer']);
  });

  it('shows a job with all its facts and apply link', async () => {
    const $ = expectPageBasics(await request(t.app).get('/jobs/family-worker'));
    const facts = $('.job__facts').text();
    for (const fact of ['£25,000 - £28,000 per annum', 'Oldbury, Sandwell', 'Full time', 'Permanent', "Sandwell Children's Trust", '1 June 2016', '1 July 2030']) expect(facts).toContain(fact);
    expect($('.job__apply a').attr('href')).toBe('https://jobs.example.org/family-worker');
    expect(JSON.parse($('script[type="application/ld+json"]').text())['@graph'][0]['@type']).toBe('JobPosting');
  });

  it('answers 410 for a closed job, says so, and drops JobPosting', async () => {
    const $ = expectPageBasics(await request(t.app).get('/jobs/closed-job'), 410);
    expect($('.status-banner').text()).toContain('This job has closed');
    expect($('script[type="application/ld+json"]')).toHaveLength(0);
  });

  it.each(['/jobs/no-such-job', '/jobs?page=3', '/jobs?page=zero'])('answers 404 for %s', async (path) => {
    expectPageBasics(await request(t.app).get(path), 404);
  });

  it('answers 400 for a repeated page parameter', async () => {
    expectPageBasics(await request(t.app).get('/jobs?page=1&page=2'), 400);
  });
});

describe('errors and health', () => {
  it('answers unknown paths with the site’s 404 page', async () => {
    const $ = expectPageBasics(await request(t.app).get('/no/such/page'), 404);
    expect($('h1').text()).toBe('Page not found');
  });

  it('reports health once content is loaded', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', articles: 3, jobs: 3, filesWithErrors: 0 });
  });
});
