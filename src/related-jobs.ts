/**
 * The jobs sidebar: which current jobs an article's readers would want.
 * Pinned jobs first (editor's order), then the relevance engine in
 * src/relevance/: BM25F words, topic vocabulary, place, freshness, diversity.
 * The job index is built once per content snapshot; each article's sidebar
 * once per view (content version and publication period).
 * Pure: takes the view's jobs and clock, imports nothing from the web layer.
 */
import type { SiteView } from './content/site-view.js';
import type { Article, Job, Topic } from './content/types.js';
import { buildJobIndex, type JobIndex } from './relevance/job-index.js';
import { Gazetteer } from './relevance/places.js';
import { buildQuery } from './relevance/query.js';
import { rankJobs, type ScoredJob } from './relevance/rank.js';
import { buildVocabulary, type Vocabulary } from './relevance/vocabulary.js';

export type { ScoreBreakdown } from './relevance/rank.js';

/** A sidebar entry: {job, score, pinned, reasons, breakdown}. */
export type RankedJob = ScoredJob;

export interface RankOptions {
  /** The editors' topics (content/topics.yaml), added to the built-in vocabulary. */
  topics?: readonly Topic[];
  /** The moment of the ranking: jobs closed by then are never shown; fresher ones win ties. */
  now?: Date;
}

/** Everything the ranking needs about one set of jobs, built once. */
export interface RelevanceEngine {
  index: JobIndex;
  vocabulary: Vocabulary;
  gazetteer: Gazetteer;
}

let gazetteer: Gazetteer | undefined;
const engines = new WeakMap<readonly Job[], { topics: readonly Topic[] | undefined; engine: RelevanceEngine }>();

/** The engine for `jobs`, built on first use and kept while the array lives. */
export function relevanceEngine(jobs: readonly Job[], topics?: readonly Topic[]): RelevanceEngine {
  const cached = engines.get(jobs);
  if (cached && cached.topics === topics) return cached.engine;
  gazetteer ??= new Gazetteer();
  const vocabulary = buildVocabulary(topics);
  const engine = { index: buildJobIndex(jobs, vocabulary, gazetteer), vocabulary, gazetteer };
  engines.set(jobs, { topics, engine });
  return engine;
}

/** The `count` best jobs for `article` among `jobs`, pinned ones first (they may exceed `count`). */
export function rankRelatedJobs(article: Article, jobs: readonly Job[], count: number, options: RankOptions = {}): RankedJob[] {
  return rankWith(relevanceEngine(jobs, options.topics), article, count, () => true, options.now);
}

function rankWith(engine: RelevanceEngine, article: Article, count: number, isCurrent: (job: Job) => boolean, now?: Date): RankedJob[] {
  const query = buildQuery(article, engine.index, engine.vocabulary, engine.gazetteer);
  return rankJobs(engine.index, query, engine.vocabulary, engine.gazetteer, { count, pinned: article.jobs, isCurrent, ...(now ? { now } : {}) });
}

const perView = new WeakMap<SiteView, { current: Set<Job>; sidebars: Map<string, RankedJob[]> }>();

/** The sidebar for `article` in `view`, computed once per view (content version and publication period). */
export function relatedJobsFor(view: SiteView, article: Article): RankedJob[] {
  let cache = perView.get(view);
  if (!cache) perView.set(view, (cache = { current: new Set(view.currentJobs), sidebars: new Map() }));
  let ranked = cache.sidebars.get(article.slug);
  if (!ranked) {
    // One index per snapshot (all its jobs); the view decides which are open now.
    const engine = relevanceEngine(view.snapshot.jobs, view.snapshot.topics);
    const current = cache.current;
    ranked = rankWith(engine, article, view.site.jobs.count, (job) => current.has(job), view.now);
    cache.sidebars.set(article.slug, ranked);
  }
  return ranked;
}
