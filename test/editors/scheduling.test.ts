/**
 * Issue 5: scheduled publishing with an injected clock. A future-dated
 * article appears at its time and leaves the 48-hour news sitemap on time; a
 * job leaves listings and sidebars at its closing moment. No file changes,
 * no reload: the same snapshot throughout.
 */
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, testApp, type TestApp } from '../support/app.js';
import { parse } from '../support/html.js';

const EMBARGO = new Date('2016-06-20T08:00:00Z'); // 09:00 in London (BST)
const CLOSING = new Date('2016-06-18T23:00:00Z'); // the end of 18 June in London
const ms = (n: number) => new Date(n);

let t: TestApp;
let now = new Date('2016-06-15T12:00:00Z');

beforeAll(async () => {
  t = await testApp({ contentDir: path.join(FIXTURES, 'editors/schedule'), now: () => now });
});

const links = async (pathname: string, selector = 'main .card__title a') => {
  const $ = parse((await request(t.app).get(pathname)).text);
  return $(selector)
    .map((_, a) => $(a).attr('href'))
    .get();
};
const newsSitemap = async () => (await request(t.app).get('/news-sitemap.xml')).text;

describe('a scheduled article', () => {
  it('is hidden everywhere until its moment, without a file change', async () => {
    now = ms(EMBARGO.getTime() - 1);
    expect((await request(t.app).get('/news/future')).status).toBe(404);
    expect(await links('/')).toEqual(['/news/published']);
    expect(await links('/tags/ofsted')).toEqual(['/news/published']);
    expect((await request(t.app).get('/feed.xml')).text).not.toContain('/news/future');
    expect((await request(t.app).get('/sitemap.xml')).text).not.toContain('/news/future');
    expect(await newsSitemap()).not.toContain('/news/future');
    expect(t.store.view(now).validUntil).toEqual(EMBARGO);
  });

  it('appears at its moment on its URL, the home and tag pages, the feeds and both sitemaps', async () => {
    const snapshot = t.store.snapshot;
    now = EMBARGO;
    expect((await request(t.app).get('/news/future')).status).toBe(200);
    expect(await links('/')).toEqual(['/news/future', '/news/published']);
    expect(await links('/tags/ofsted')).toEqual(['/news/future', '/news/published']);
    expect((await request(t.app).get('/feed.xml')).text).toContain('https://schedule.example.org/news/future');
    expect((await request(t.app).get('/sitemap.xml')).text).toContain('https://schedule.example.org/news/future');
    expect(await newsSitemap()).toContain('https://schedule.example.org/news/future');
    expect(t.store.snapshot).toBe(snapshot);
  });

  it('stays in the news sitemap for 48 hours and leaves it on time, staying published', async () => {
    now = ms(EMBARGO.getTime() + 48 * 3600_000);
    expect(await newsSitemap()).toContain('/news/future');
    now = ms(EMBARGO.getTime() + 48 * 3600_000 + 1000);
    expect(await newsSitemap()).not.toContain('/news/future');
    expect((await request(t.app).get('/news/future')).status).toBe(200);
    expect(await links('/')).toEqual(['/news/future', '/news/published']);
  });
});

describe('a job with a closing date', () => {
  it('is listed and in the sidebar until its closing moment', async () => {
    now = ms(CLOSING.getTime() - 1);
    expect(await links('/jobs', 'main .job-card__title a')).toContain('/jobs/closing-job');
    expect(await links('/news/published', 'aside#related-jobs .job-card__title a')).toEqual(['/jobs/closing-job', '/jobs/open-job']);
    expect((await request(t.app).get('/jobs/closing-job')).status).toBe(200);
  });

  it('disappears from listings and sidebars at its closing moment, and its page answers 410', async () => {
    now = CLOSING;
    expect(await links('/jobs', 'main .job-card__title a')).toEqual(['/jobs/open-job']);
    expect(await links('/news/published', 'aside#related-jobs .job-card__title a')).toEqual(['/jobs/open-job']);
    expect((await request(t.app).get('/jobs/closing-job')).status).toBe(410);
    expect((await request(t.app).get('/healthz')).body).toMatchObject({ jobs: 1 });
  });
});
