/**
 * The jobs sidebar: which current jobs an article's readers would want.
 * First version: pinned jobs first, then shared tags, places and words.
 * Pure: takes the view's jobs and clock, imports nothing from the web layer.
 */
import type { SiteView } from './content/site-view.js';
import type { Article, Job } from './content/types.js';

export interface RankedJob {
  job: Job;
  score: number;
  pinned: boolean;
  /** Why the job was picked, for `?debug=jobs` and tests. */
  reasons: string[];
}

const STOP_WORDS = new Set('a an and are as at be by for from has have in is it its of on or said that the their this to was were will with would which who'.split(' '));

export function rankRelatedJobs(article: Article, jobs: readonly Job[], count: number): RankedJob[] {
  const bySlug = new Map(jobs.map((job) => [job.slug, job]));
  const pinned = article.jobs.flatMap((slug) => {
    const job = bySlug.get(slug);
    return job ? [{ job, score: Infinity, pinned: true, reasons: ['pinned by the editor'] }] : [];
  });
  const taken = new Set(pinned.map((entry) => entry.job.slug));
  const articleTags = new Set(article.tags.map((tag) => tag.slug));
  const places = article.places.map((place) => place.toLowerCase());
  const articleWords = words(`${article.title} ${article.summary} ${article.text.slice(0, 2000)}`);
  const scored = jobs
    .filter((job) => !taken.has(job.slug))
    .map((job) => {
      const reasons: string[] = [];
      const sharedTags = job.tags.filter((tag) => articleTags.has(tag.slug));
      const sharedPlaces = places.filter((place) => job.location.toLowerCase().includes(place));
      const jobWords = words(`${job.title} ${job.title} ${job.summary} ${job.tags.map((t) => t.name).join(' ')}`);
      const overlap = [...jobWords].filter((word) => articleWords.has(word));
      if (sharedTags.length) reasons.push(`tags: ${sharedTags.map((t) => t.name).join(', ')}`);
      if (sharedPlaces.length) reasons.push(`places: ${sharedPlaces.join(', ')}`);
      if (overlap.length) reasons.push(`words: ${overlap.slice(0, 6).join(', ')}`);
      const score = 3 * sharedTags.length + 2 * sharedPlaces.length + overlap.length / Math.sqrt(jobWords.size + 1);
      return { job, score, pinned: false, reasons };
    })
    .sort((a, b) => b.score - a.score || b.job.posted.getTime() - a.job.posted.getTime() || a.job.slug.localeCompare(b.job.slug));
  return [...pinned, ...scored].slice(0, Math.max(count, pinned.length));
}

const perView = new WeakMap<SiteView, Map<string, RankedJob[]>>();

/** The sidebar for `article` in `view`, computed once per view (content version and publication period). */
export function relatedJobsFor(view: SiteView, article: Article): RankedJob[] {
  let cache = perView.get(view);
  if (!cache) perView.set(view, (cache = new Map()));
  let ranked = cache.get(article.slug);
  if (!ranked) cache.set(article.slug, (ranked = rankRelatedJobs(article, view.currentJobs, view.site.jobs.count)));
  return ranked;
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)
      .map((word) => word.replace(/s$/, ''))
      .filter((word) => word.length > 2 && !STOP_WORDS.has(word)),
  );
}
