/** Small in-memory articles and jobs for ranking tests (the loader's shapes, none of its files). */
import type { Article, Job } from '../../src/content/types.js';
import { slugify } from '../../src/content/slug.js';

export function job(fields: Partial<Job> & { slug: string; title: string }): Job {
  const text = fields.text ?? fields.summary ?? fields.title;
  return {
    kind: 'job',
    file: `jobs/${fields.slug}.md`,
    employer: 'Example Council',
    location: 'Remote',
    salary: 'Competitive',
    recruiter: fields.employer ?? 'Example Council',
    posted: new Date('2026-03-01T09:00:00Z'),
    tags: [],
    summary: text.slice(0, 300),
    body: text,
    text,
    ...fields,
  };
}

export function article(fields: Partial<Article> & { slug: string; title: string }): Article {
  const text = fields.text ?? '';
  return {
    kind: 'article',
    file: `articles/${fields.slug}.md`,
    date: new Date('2026-03-10T09:00:00Z'),
    authors: [],
    summary: fields.summary ?? text.split('\n')[0] ?? '',
    hasStandfirst: fields.summary !== undefined,
    tags: [],
    places: [],
    comments: false,
    draft: false,
    jobs: [],
    aliases: [],
    body: text,
    text,
    readingMinutes: 1,
    ...fields,
  };
}

export function tags(...names: string[]) {
  return names.map((name) => ({ name, slug: slugify(name) }));
}
