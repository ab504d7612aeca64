/** Properties of the jobs sidebar's ranking, on small in-memory sets. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { rankRelatedJobs, relatedJobsFor } from '../../src/related-jobs.js';
import { words } from '../../src/relevance/text.js';
import { buildVocabulary } from '../../src/relevance/vocabulary.js';
import { article, job, tags } from './support.js';

const NOW = new Date('2026-03-16T12:00:00Z');
const slugs = (ranked: { job: { slug: string } }[]) => ranked.map((entry) => entry.job.slug);

describe('topic beats place', () => {
  const jobs = [
    job({ slug: 'facilities-manager-sandwell', title: 'Facilities Manager', employer: 'Sandwell Council', location: 'Oldbury, Sandwell', text: 'Manage cleaning, security and maintenance contracts for council buildings.' }),
    job({ slug: 'press-officer-sandwell', title: 'Press Officer', employer: 'Sandwell Council', location: 'West Bromwich', text: 'Handle media enquiries and press releases.' }),
    job({ slug: 'highways-engineer-lincolnshire', title: 'Highways Engineer', employer: 'Lincolnshire County Council', location: 'Lincoln', text: 'Plan resurfacing and pothole repairs on county roads.' }),
    job({ slug: 'social-worker-kent', title: "Children's Social Worker", employer: 'Kent County Council', location: 'Maidstone, Kent', text: 'Child protection casework with children and families.' }),
    job({ slug: 'educational-psychologist-cornwall', title: 'Educational Psychologist', employer: 'Cornwall Council', location: 'Truro', text: 'Statutory advice for EHC needs assessments.' }),
  ];
  it.each([
    { story: 'Sandwell potholes', title: 'Sandwell fills record number of potholes', places: ['Sandwell'], expected: 'highways-engineer-lincolnshire' },
    { story: 'Sandwell child protection', title: "Sandwell children's services still inadequate, says Ofsted", places: ['Sandwell'], expected: 'social-worker-kent' },
    { story: 'Sandwell SEND', title: 'SEND assessments delayed in Sandwell as EHCP requests rise', places: ['West Bromwich'], expected: 'educational-psychologist-cornwall' },
  ])('$story: the job of the right field comes first, wherever it is', ({ title, places, expected }) => {
    const ranked = rankRelatedJobs(article({ slug: 'story', title, places }), jobs, 3, { now: NOW });
    expect(ranked[0]?.job.slug).toBe(expected);
    expect(ranked[0]?.breakdown.topic).toBeGreaterThan(ranked[1]!.breakdown.topic);
  });

  it('orders jobs of the same field by place: same area, then same region, then elsewhere', () => {
    const sameField = [
      job({ slug: 'social-worker-cornwall', title: "Children's Social Worker", employer: 'Cornwall Council', location: 'Truro, Cornwall' }),
      job({ slug: 'social-worker-dudley', title: "Children's Social Worker", employer: 'Dudley Council', location: 'Dudley' }),
      job({ slug: 'social-worker-sandwell', title: "Children's Social Worker", employer: "Sandwell Children's Trust", location: 'Oldbury' }),
    ];
    const story = article({ slug: 'story', title: 'Trust recruits more social workers', text: 'Sandwell Children\'s Trust has hired 40 social workers for its child protection teams in Sandwell.' });
    const ranked = rankRelatedJobs(story, sameField, 3, { now: NOW });
    expect(slugs(ranked)).toEqual(['social-worker-sandwell', 'social-worker-dudley', 'social-worker-cornwall']);
    expect(ranked[0]?.reasons).toContain('place: same area: Sandwell (named in the story)');
  });
});

describe('an untagged article', () => {
  const jobs = [
    job({ slug: 'supervising-social-worker-fostering', title: 'Supervising Social Worker - Fostering', text: 'Support and supervise foster carers.' }),
    job({ slug: 'marketing-manager', title: 'Marketing and Events Manager', text: 'Plan marketing campaigns and events for the council.' }),
    job({ slug: 'waste-officer', title: 'Waste and Recycling Officer', text: 'Support recycling centres and bin collections.' }),
    job({ slug: 'accountant', title: 'Management Accountant', text: 'Budget monitoring and the statement of accounts.' }),
  ];
  it.each([
    { about: 'fostering', title: 'Number of foster carers falls again', text: 'Fostering services received fewer enquiries and children in care are placed far from home.', expected: 'supervising-social-worker-fostering' },
    { about: 'food waste', title: 'Weekly food waste collections begin', text: 'Councils have bought new vehicles and caddies for kitchen waste.', expected: 'waste-officer' },
    { about: 'a section 114 notice', title: 'Council issues section 114 notice', text: 'The chief finance officer said the budget gap could not be closed without exceptional financial support.', expected: 'accountant' },
  ])('about $about still gets topical jobs', ({ title, text, expected }) => {
    const ranked = rankRelatedJobs(article({ slug: 'story', title, text }), jobs, 2, { now: NOW });
    expect(ranked[0]?.job.slug).toBe(expected);
    expect(ranked[0]?.reasons.some((reason) => reason.startsWith('topic: '))).toBe(true);
  });
});

describe('diversity, duplicates and ties', () => {
  const story = article({ slug: 'story', title: 'Child protection social workers in demand', tags: tags("children's services") });
  const many = Array.from({ length: 6 }, (_, i) =>
    job({ slug: `big-trust-${i}`, title: "Children's Social Worker", employer: 'Big Trust', location: `Team ${i}`, text: 'Child protection social work with children and families.' }),
  );
  const others = ['north', 'south', 'east'].map((name) =>
    job({ slug: `${name}-council`, title: "Children's Social Worker", employer: `${name} Council`, text: 'Child protection social work with children.' }),
  );

  it('does not fill the sidebar from one employer when others are nearly as good', () => {
    const ranked = rankRelatedJobs(story, [...many, ...others], 5, { now: NOW });
    const employers = ranked.map((entry) => entry.job.employer);
    expect(employers.filter((employer) => employer === 'Big Trust').length).toBeLessThanOrEqual(2);
    expect(ranked.some((entry) => entry.breakdown.diversity < 0)).toBe(true);
  });

  it('shows a re-posted advert once', () => {
    const twice = [
      job({ slug: 'social-worker', title: "Children's Social Worker", employer: 'Big Trust', location: 'Oldbury', text: 'Child protection.' }),
      job({ slug: 'social-worker-repost', title: "Children's Social Worker", employer: 'Big Trust', location: 'Oldbury', text: 'Child protection.' }),
      ...others,
    ];
    const shown = slugs(rankRelatedJobs(story, twice, 5, { now: NOW }));
    expect(shown.filter((slug) => slug.startsWith('social-worker'))).toHaveLength(1);
  });

  it('breaks ties by newer posting, then slug, whatever the input order', () => {
    const tied = ['b', 'a', 'c'].map((slug) => job({ slug, title: "Children's Social Worker", employer: `Employer ${slug}` }));
    const newer = job({ slug: 'z', title: "Children's Social Worker", employer: 'Employer z', posted: new Date('2026-03-02T09:00:00Z') });
    const first = slugs(rankRelatedJobs(story, [...tied, newer], 4, { now: NOW }));
    const again = slugs(rankRelatedJobs(story, [newer, ...tied].reverse(), 4, { now: NOW }));
    expect(first).toEqual(['z', 'a', 'b', 'c']);
    expect(again).toEqual(first);
  });

  it('prefers, between equals, the job that is not about to close', () => {
    const closing = job({ slug: 'a-closing', title: "Children's Social Worker", employer: 'One', closes: new Date('2026-03-17T00:00:00Z') });
    const open = job({ slug: 'b-open', title: "Children's Social Worker", employer: 'Two', closes: new Date('2026-04-30T00:00:00Z') });
    expect(slugs(rankRelatedJobs(story, [closing, open], 2, { now: NOW }))).toEqual(['b-open', 'a-closing']);
  });
});

describe('pinned jobs', () => {
  it('come first in the editor order; closed and unknown ones are skipped', () => {
    const jobs = [
      job({ slug: 'alpha', title: 'Highways Engineer' }),
      job({ slug: 'beta', title: 'Payroll Officer' }),
      job({ slug: 'closed', title: 'Social Worker', closes: new Date('2026-03-15T00:00:00Z') }),
      job({ slug: 'social-worker', title: "Children's Social Worker" }),
    ];
    const story = article({ slug: 'story', title: 'Social workers wanted', jobs: ['beta', 'closed', 'nope', 'alpha', 'beta'] });
    const ranked = rankRelatedJobs(story, jobs, 3, { now: NOW });
    expect(slugs(ranked)).toEqual(['beta', 'alpha', 'social-worker']);
    expect(ranked.map((entry) => entry.pinned)).toEqual([true, true, false]);
    expect(ranked[0]?.reasons[0]).toBe('pinned by the editor');
  });
});

describe('expiry', () => {
  it("drops a job at the exact closing moment in the site's time zone, not a millisecond before", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'relevance-'));
    await mkdir(path.join(dir, 'articles'));
    await mkdir(path.join(dir, 'jobs'));
    await writeFile(path.join(dir, 'site.yaml'), 'timezone: Europe/London\n');
    await writeFile(path.join(dir, 'articles', 'story.md'), '---\ntitle: Social workers wanted for child protection\ndate: 2026-06-01\n---\nChildren\'s social care needs social workers.\n');
    const advert = (slug: string, closes: string) =>
      `---\ntitle: Children's Social Worker\nemployer: ${slug} Council\nlocation: Oldbury\nsalary: Competitive\nposted: 2026-06-01\ncloses: ${closes}\n---\nChild protection social work.\n`;
    await writeFile(path.join(dir, 'jobs', 'closes-first-july.md'), advert('One', '2026-07-01'));
    await writeFile(path.join(dir, 'jobs', 'open-longer.md'), advert('Two', '2026-08-01'));
    const store = new ContentStore(await loadContent(dir));
    // A date-only closing date runs to the end of that day in London (BST): 23:00 UTC.
    const closes = new Date('2026-07-01T23:00:00Z');
    const at = (moment: Date) => {
      const view = store.view(moment);
      return slugs(relatedJobsFor(view, view.article('story')!));
    };
    expect(at(new Date(closes.getTime() - 1))).toContain('closes-first-july');
    expect(at(closes)).toEqual(['open-longer']);
    expect(rankRelatedJobs(store.snapshot.articles[0]!, store.snapshot.jobs, 5, { now: closes }).map((entry) => entry.job.slug)).toEqual(['open-longer']);
  });
});

describe('explanations', () => {
  it('break every score into its signals', () => {
    const ranked = rankRelatedJobs(
      article({ slug: 'story', title: 'Essex fills potholes', places: ['Essex'] }),
      [job({ slug: 'highways', title: 'Highways Engineer', employer: 'Essex County Council', location: 'Chelmsford, Essex', text: 'Pothole repairs.' })],
      1,
      { now: NOW },
    );
    const { breakdown, score, reasons } = ranked[0]!;
    expect(Object.keys(breakdown).sort()).toEqual(['bm25', 'diversity', 'freshness', 'place', 'topic']);
    expect(breakdown.topic).toBeGreaterThan(0);
    expect(breakdown.place).toBeGreaterThan(0);
    const sum = breakdown.bm25 + breakdown.topic + breakdown.place + breakdown.freshness + breakdown.diversity;
    expect(score).toBeCloseTo(sum, 2);
    expect(reasons).toEqual(expect.arrayContaining(['topic: highways', 'place: same area: Essex']));
  });
});

describe('related topics and shared terms', () => {
  /** Adverts from different employers: [slug, title, text]. */
  const adverts = (...entries: [string, string, string][]) => entries.map(([slug, title, text], i) => job({ slug, title, text, employer: `Council ${i}` }));

  it('rates audit and revenues jobs below finance jobs but above unrelated ones on a budget story', () => {
    const jobs = adverts(
      ['planning-officer', 'Planning Officer', 'Determine planning applications.'],
      ['internal-auditor', 'Senior Internal Auditor', 'Deliver the internal audit plan and report on internal control.'],
      ['accountant', 'Management Accountant', 'Budget monitoring and the medium-term financial plan.'],
      ['press-officer', 'Press Officer', 'Handle media enquiries.'],
      ['recovery-officer', 'Council Tax Recovery Officer', 'Recover council tax arrears and business rates.'],
    );
    const story = article({ slug: 'story', title: 'Council warns of section 114 notice as budget gap widens', text: 'The section 151 officer said reserves would run out without a capitalisation direction.' });
    const ranked = rankRelatedJobs(story, jobs, 5, { now: NOW });
    expect(slugs(ranked)[0]).toBe('accountant');
    expect(slugs(ranked).slice(1, 3).sort()).toEqual(['internal-auditor', 'recovery-officer']);
    const auditor = ranked.find((entry) => entry.job.slug === 'internal-auditor')!;
    expect(auditor.reasons).toContain('related topic: audit, assurance & counter fraud');
    expect(auditor.breakdown.topic).toBeLessThan(ranked[0]!.breakdown.topic);
  });

  it("counts a term two fields share for the field the rest of the text is about", () => {
    const vocabulary = buildVocabulary();
    const adults = vocabulary.names.indexOf('adult social care');
    const children = vocabulary.names.indexOf("children's social care");
    const profile = (text: string) => vocabulary.profile([{ words: words(text), weight: 1 }]);
    expect(profile("Ofsted says children's services need more social workers for child protection").has(adults)).toBe(false);
    expect(profile('Care homes and the Care Act: councils need more social workers for older people').has(children)).toBe(false);
    const alone = profile('Social worker');
    expect(alone.get(adults)).toBeCloseTo(alone.get(children)!, 5);
  });

  it('keeps pothole stories to highways jobs: a bus driver or a passenger assistant is a different field', () => {
    const jobs = adverts(
      ['bus-driver', 'Bus Driver', 'Drive community transport vehicles.'],
      ['passenger-assistant', 'Passenger Assistant', 'Accompany pupils on school transport.'],
      ['repairs-operative', 'Housing Repairs Operative', 'Responsive repairs to council homes.'],
      ['highways-inspector', 'Highways Inspector', 'Inspect roads and record defects.'],
    );
    const story = article({ slug: 'story', title: 'Pothole repairs backlog grows', text: 'Drivers say the roads are the worst in years.' });
    const ranked = rankRelatedJobs(story, jobs, 4, { now: NOW });
    expect(ranked[0]?.job.slug).toBe('highways-inspector');
    for (const other of ranked.slice(1)) expect(other.breakdown.topic, other.job.slug).toBeLessThan(ranked[0]!.breakdown.topic / 2);
  });

  it("lets an editors' topic named after a family add terms without undoing the built-in split", () => {
    const vocabulary = buildVocabulary([{ name: 'Finance and Audit', terms: ['audit', 'council tax', 'cost of living'] }]);
    const topicsOf = (text: string) => [...vocabulary.profile([{ words: words(text), weight: 1 }]).keys()].map((id) => vocabulary.names[id]);
    expect(vocabulary.names).not.toContain('Finance and Audit');
    expect(topicsOf('audit')).toEqual(['audit, assurance & counter fraud']);
    expect(topicsOf('council tax')).toEqual(['revenues & benefits']);
    expect(topicsOf('cost of living')).toEqual(['corporate finance & budgets']);
  });
});
