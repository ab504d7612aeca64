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
const jobLinks = ($: ReturnType<typeof expectPageBasics>) => $('.job-card__title a').map((_, a) => $(a).attr('href')).get();

describe('GET /jobs filters', () => {
  it('shows a labelled filter form without a reset link when nothing is filtered', async () => {
    const $ = expectPageBasics(await get('/jobs'));
    const form = $('main form.job-filters');
    expect(form.attr('action')).toBe('/jobs');
    expect(form.attr('method')).toBe('get');
    for (const name of ['q', 'location', 'salary_min', 'hours', 'contract']) {
      const field = form.find(`[name="${name}"]`);
      expect(field, name).toHaveLength(1);
      expect($(`label[for="${field.attr('id')}"]`).text().trim(), name).not.toBe('');
    }
    expect(form.find('select[name="hours"] option').map((_, o) => $(o).text()).get()).toEqual(['Any', 'Full time', 'Part time']);
    expect(form.find('select[name="contract"] option').map((_, o) => $(o).text()).get()).toEqual(['Any', 'Fixed term', 'Permanent']);
    expect($('.job-filters__reset')).toHaveLength(0);
    expect($('.listing__count').text()).toBe('5 current jobs');
    expect($('meta[name="robots"]').attr('content')).not.toContain('noindex');
  });

  it('filters, keeps every value in the form, counts, and offers a reset', async () => {
    const $ = expectPageBasics(await get('/jobs?q=engineer&location=leeds&salary_min=30000&hours=full+time&contract=Fixed+term'));
    expect(jobLinks($)).toEqual(['/jobs/highways-engineer-leeds']);
    expect($('input[name="q"]', 'main').val()).toBe('engineer');
    expect($('input[name="location"]').val()).toBe('leeds');
    expect($('input[name="salary_min"]').val()).toBe('30000');
    expect($('select[name="hours"] option[selected]').text()).toBe('Full time');
    expect($('select[name="contract"] option[selected]').text()).toBe('Fixed term');
    expect($('.listing__count').text()).toBe('1 job matches your filters');
    expect($('.job-filters__reset').attr('href')).toBe('/jobs');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
  });

  it('paginates filtered results with links that keep the filters', async () => {
    const $ = expectPageBasics(await get('/jobs?hours=Full+time'));
    expect($('.listing__count').text()).toBe('4 jobs match your filters');
    expect(jobLinks($)).toEqual(['/jobs/social-worker-leeds', '/jobs/planning-officer-kent', '/jobs/highways-engineer-leeds']);
    const next = $('.pagination a[rel="next"]').attr('href');
    expect(next).toBe('/jobs?hours=Full+time&page=2');
    const $2 = expectPageBasics(await get(next!));
    expect(jobLinks($2)).toEqual(['/jobs/cafe-manager-bolton']);
    expect($2('select[name="hours"] option[selected]').text()).toBe('Full time');
    expect($2('.pagination a[rel="prev"]').attr('href')).toBe('/jobs?hours=Full+time');
    expectPageBasics(await get('/jobs?hours=Full+time&page=3'), 404);
  });

  it('says that jobs without salary figures are left out by a minimum salary', async () => {
    const $ = expectPageBasics(await get('/jobs?salary_min=%C2%A320%2C000'));
    expect(jobLinks($)).not.toContain('/jobs/planning-officer-kent');
    expect(jobLinks($)).toHaveLength(3);
    expect($('input[name="salary_min"]').val()).toBe('20000');
    expect($('.job-filters__notice').text()).toContain('1 job does not give salary figures');
  });

  it('treats a submitted empty form as no filters', async () => {
    const $ = expectPageBasics(await get('/jobs?q=&location=&salary_min=&hours=&contract='));
    expect($('.listing__count').text()).toBe('5 current jobs');
    expect($('.job-filters__reset')).toHaveLength(0);
  });

  it('explains an empty result and links to reset', async () => {
    const $ = expectPageBasics(await get('/jobs?location=Kent&contract=Fixed+term'));
    expect(jobLinks($)).toEqual([]);
    expect($('main').text()).toContain('No current jobs match these filters');
    expect($('main a[href="/jobs"]').length).toBeGreaterThan(0);
  });

  it('keeps a contract choice no current job has', async () => {
    const $ = expectPageBasics(await get('/jobs?contract=Casual'));
    expect($('select[name="contract"] option[selected]').text()).toBe('Casual');
    expect(jobLinks($)).toEqual([]);
  });
});
