/** ?debug=jobs: why each sidebar job was picked, outside production only. */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

describe('GET /news/:slug?debug=jobs', () => {
  it('lists each sidebar job with its score breakdown, in sidebar order', async () => {
    const { app } = await testApp();
    const res = await request(app).get('/news/sandwell-trust?debug=jobs');
    expect(res.status).toBe(200);
    const $ = cheerio.load(res.text);
    const sidebar = $('#related-jobs a[href^="/jobs/"]').map((_, a) => $(a).attr('href')!.replace('/jobs/', '')).get();
    const explained = $('.debug li').map((_, li) => $(li).text()).get();
    expect(explained).toHaveLength(sidebar.length);
    explained.forEach((text, i) => {
      expect(text).toContain(`(${sidebar[i]})`);
      expect(text).toMatch(/topic [\d.]+ \+ words \(BM25\) [\d.]+ \+ place [\d.]+ \+ freshness [\d.]+ \+ diversity -?[\d.]+/);
    });
    expect(explained[0]).toContain('pinned by the editor');
  });

  it('is not shown in production', async () => {
    const { app } = await testApp({ env: { NODE_ENV: 'production' } });
    const res = await request(app).get('/news/sandwell-trust?debug=jobs');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Why these jobs');
  });
});
