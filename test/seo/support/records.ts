/** Content records built in memory, for fast tests of large or time-sensitive sites (no files). */
import { DEFAULT_SITE } from '../../../src/content/site.js';
import { buildSnapshot, type ContentSnapshot } from '../../../src/content/snapshot.js';
import type { Article, Job, SiteSettings } from '../../../src/content/types.js';

export const SITE: SiteSettings = { ...DEFAULT_SITE, name: 'Memory News', url: 'https://memory.example.org', description: 'Generated in memory.' };

export function article(slug: string, date: Date, extra: Partial<Article> = {}): Article {
  return {
    kind: 'article', slug, file: `articles/${slug}.md`, title: `Story ${slug}`, date, authors: [], summary: `Summary of ${slug}.`, hasStandfirst: true,
    tags: [], places: [], comments: false, draft: false, jobs: [], aliases: [], body: `Body of ${slug}.`, text: `Body of ${slug}.`, readingMinutes: 1, ...extra,
  };
}

export function job(slug: string, posted: Date, extra: Partial<Job> = {}): Job {
  return {
    kind: 'job', slug, file: `jobs/${slug}.md`, title: `Job ${slug}`, employer: 'Example Council', location: 'Leeds, West Yorkshire', salary: 'Competitive',
    recruiter: 'Example Council', posted, tags: [], summary: `Job ${slug}.`, body: `Job ${slug}.`, text: `Job ${slug}.`, ...extra,
  };
}

/** `count` articles, one a minute back from `newest`. */
export function articles(count: number, newest: Date): Article[] {
  return Array.from({ length: count }, (_, i) => article(`story-${i}`, new Date(newest.getTime() - i * 60_000)));
}

export function snapshotOf(records: Array<Article | Job>, site: SiteSettings = SITE, loadedAt = new Date('2020-01-01T00:00:00Z')): ContentSnapshot {
  return buildSnapshot({ site, records, problems: [], fingerprints: records.map((r) => r.file), loadedAt });
}
