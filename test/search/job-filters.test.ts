import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../../src/content/site-view.js';
import { choiceOptions, choicesOf, filterJobs, isFiltered, jobFilterChoices, NO_JOB_FILTERS, type JobFilters } from '../../src/search/job-filters.js';
import { matchesLocation } from '../../src/search/location.js';
import { searchSnapshot, viewAt } from './support.js';

let view: SiteView;
beforeAll(async () => {
  view = viewAt(await searchSnapshot());
});

const slugs = (filters: Partial<JobFilters>) => filterJobs(view.currentJobs, { ...NO_JOB_FILTERS, ...filters }).jobs.map((job) => job.slug);

describe('job filters', () => {
  it('with no filters lists every current job, newest first (closed ones never)', () => {
    expect(slugs({})).toEqual(['social-worker-leeds', 'librarian-bolton', 'planning-officer-kent', 'highways-engineer-leeds', 'cafe-manager-bolton']);
    expect(isFiltered(NO_JOB_FILTERS)).toBe(false);
  });

  it.each<[string, Partial<JobFilters>, string[]]>([
    ['keywords in the title', { q: 'social worker' }, ['social-worker-leeds']],
    ['keywords in the employer', { q: 'Kent County' }, ['planning-officer-kent']],
    ['keywords in the description, stemmed', { q: 'applications' }, ['planning-officer-kent']],
    ['keywords as a word prefix', { q: 'librar' }, ['librarian-bolton']],
    ['keywords with accents folded', { q: 'cafe' }, ['cafe-manager-bolton']],
    ['keywords, every word needed', { q: 'social engineer' }, []],
    ['location: town', { location: 'leeds' }, ['social-worker-leeds', 'highways-engineer-leeds']],
    ['location: text of the location', { location: 'Greater Manchester' }, ['librarian-bolton', 'cafe-manager-bolton']],
    ['location: a region from the gazetteer', { location: 'North West' }, ['librarian-bolton', 'cafe-manager-bolton']],
    ['location: a county from the gazetteer', { location: 'West Yorkshire' }, ['social-worker-leeds', 'highways-engineer-leeds']],
    ['location: a region, not written in any job', { location: 'South East' }, ['planning-officer-kent']],
    ['location: not a part of a word', { location: 'ent' }, []],
    ['salary: the top of the range counts', { salaryMin: 40000 }, ['social-worker-leeds', 'highways-engineer-leeds']],
    ['salary: a single figure counts', { salaryMin: 45000 }, ['highways-engineer-leeds']],
    ['salary: none pay this much', { salaryMin: 100000 }, []],
    ['hours: text match, case and hyphen ignored', { hours: 'full time' }, ['social-worker-leeds', 'planning-officer-kent', 'highways-engineer-leeds', 'cafe-manager-bolton']],
    ['hours: part time', { hours: 'Part time' }, ['librarian-bolton']],
    ['contract: fixed term, with or without detail', { contract: 'Fixed term' }, ['librarian-bolton', 'highways-engineer-leeds']],
    ['combined: location and hours', { location: 'Bolton', hours: 'Full time' }, ['cafe-manager-bolton']],
    ['combined: keywords, location, salary, contract', { q: 'engineer', location: 'Leeds', salaryMin: 30000, contract: 'fixed term' }, ['highways-engineer-leeds']],
    ['combined: contradicting filters', { location: 'Kent', contract: 'Fixed term' }, []],
  ])('%s', (_name, filters, expected) => {
    expect(slugs(filters)).toEqual(expected);
    expect(isFiltered({ ...NO_JOB_FILTERS, ...filters })).toBe(true);
  });

  it('counts the jobs a minimum salary left out for want of figures', () => {
    expect(filterJobs(view.currentJobs, { ...NO_JOB_FILTERS, salaryMin: 20000 }).withoutSalary).toBe(1);
    expect(filterJobs(view.currentJobs, { ...NO_JOB_FILTERS, salaryMin: 20000, location: 'Leeds' }).withoutSalary).toBe(0);
    expect(filterJobs(view.currentJobs, NO_JOB_FILTERS).withoutSalary).toBe(0);
  });

  it('matches locations as text, accents and case ignored', () => {
    expect(matchesLocation({ location: 'Saint-Étienne, Loire' }, 'saint etienne')).toBe(true);
    expect(matchesLocation({ location: 'Oldbury, Sandwell' }, 'SANDWELL')).toBe(true);
    expect(matchesLocation({ location: 'Oldbury, Sandwell' }, 'Birmingham')).toBe(false);
    expect(matchesLocation({ location: 'Leeds' }, '.*')).toBe(true);
    expect(matchesLocation({ location: 'Leeds' }, 'Kent')).toBe(false);
  });

  it('matches places inside the area a reader names, via the gazetteer', () => {
    expect(matchesLocation({ location: 'Oldbury, Sandwell' }, 'West Midlands')).toBe(true);
    expect(matchesLocation({ location: 'Chelmsford' }, 'Essex')).toBe(true);
    expect(matchesLocation({ location: 'Chelmsford' }, 'Kent')).toBe(false);
    expect(matchesLocation({ location: 'Chelmsford' }, 'North West')).toBe(false);
  });
});

describe('filter choices', () => {
  it('builds hours and contract choices from the current jobs, one per spelling, detail dropped', () => {
    expect(jobFilterChoices(view.currentJobs)).toEqual({ hours: ['Full time', 'Part time'], contract: ['Fixed term', 'Permanent'] });
    expect(choicesOf(['Full time', 'full-time', undefined, 'Part time (term time only)', ''])).toEqual(['Full time', 'Part time']);
  });

  it('marks the chosen option, and keeps a choice no current job has', () => {
    expect(choiceOptions(['Full time', 'Part time'], 'full TIME')).toEqual([
      { value: 'Full time', selected: true },
      { value: 'Part time', selected: false },
    ]);
    expect(choiceOptions(['Full time'], 'Casual')).toEqual([
      { value: 'Full time', selected: false },
      { value: 'Casual', selected: true },
    ]);
    expect(choiceOptions(['Full time'], '')).toEqual([{ value: 'Full time', selected: false }]);
  });
});
