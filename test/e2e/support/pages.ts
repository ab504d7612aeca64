/**
 * One URL of every page type on a content folder at a moment, found from the
 * content itself (so the list follows the sample site as it changes).
 * Used by the browser tests (axe, screenshots) and the HTML validity test.
 */
import type { ContentStore } from '../../../src/content/store.js';

export interface PageSample {
  kind: string;
  path: string;
  status: number;
}

export function samplePages(store: ContentStore, now: Date): PageSample[] {
  const view = store.view(now);
  const article = view.articles[0];
  const tag = [...view.tags.values()].sort((a, b) => b.articles.length - a.articles.length)[0];
  const author = [...view.authors.values()].find((listing) => listing.profile && listing.articles.length) ?? [...view.authors.values()][0];
  const job = view.currentJobs[0];
  const closedJob = view.snapshot.jobs.find((candidate) => view.isClosed(candidate) && candidate.posted <= now);
  if (!article || !tag || !author || !job || !closedJob) throw new Error('samplePages: the content needs an article, a tag, an author, a current job and a closed job');
  const word = article.title.split(/\s+/).find((w) => w.length > 5) ?? article.title;
  return [
    { kind: 'home', path: '/', status: 200 },
    { kind: 'article', path: `/news/${article.slug}`, status: 200 },
    { kind: 'tag', path: `/tags/${tag.tag.slug}`, status: 200 },
    { kind: 'author', path: `/authors/${author.author.slug}`, status: 200 },
    { kind: 'jobs', path: '/jobs', status: 200 },
    { kind: 'job', path: `/jobs/${job.slug}`, status: 200 },
    { kind: 'closed-job', path: `/jobs/${closedJob.slug}`, status: 410 },
    { kind: 'search', path: `/search?q=${encodeURIComponent(word.toLowerCase())}`, status: 200 },
    { kind: 'search-empty', path: '/search?q=zzyzxqwv', status: 200 },
    { kind: 'not-found', path: '/no-such-page', status: 404 },
    { kind: 'newsletter', path: '/newsletter', status: 200 },
    { kind: 'newsletter-check-email', path: '/newsletter/check-email', status: 200 },
  ];
}
