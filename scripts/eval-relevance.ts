/**
 * npm run eval:relevance: measures the jobs sidebar against graded judgements.
 *
 * Loads each evaluation folder with the real loader (by default both
 * test/fixtures/relevance, the set the engine was built on, and
 * test/fixtures/relevance-holdout, written independently; or the folders given
 * as arguments), ranks every judged article's sidebar with the engine and with
 * a plain TF-IDF baseline, and prints precision@5, nDCG@5, the share of
 * articles whose first job is relevant, and expired or duplicate jobs shown.
 * Relevant means grade ≥ 1; "strict" means grade ≥ 2 (see judgements.yaml).
 * The P@5 ceiling is what a perfect ranker would score: some stories have
 * fewer than five relevant open jobs.
 *
 *   --verbose        each article's top five with their grades
 *   --explain SLUG   one article's topic profile and top ten with the score breakdown
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { loadContent } from '../src/content/load.js';
import { ContentStore } from '../src/content/store.js';
import type { SiteView } from '../src/content/site-view.js';
import type { Article, Job } from '../src/content/types.js';
import { rankRelatedJobs, relatedJobsFor, relevanceEngine } from '../src/related-jobs.js';
import { buildQuery } from '../src/relevance/query.js';
import { words } from '../src/relevance/text.js';

export const EVAL_DIR = path.resolve(import.meta.dirname, '../test/fixtures/relevance');
/** Written independently of the engine, after it was built: see README, "Related jobs". */
export const HOLDOUT_DIR = path.resolve(import.meta.dirname, '../test/fixtures/relevance-holdout');
/** The evaluation set's clock: some judged jobs have closed by then. */
export const EVAL_NOW = new Date('2026-03-16T12:00:00Z');
const K = 5;

export type Judgements = Record<string, Record<string, number>>;
export type Ranker = (view: SiteView, article: Article) => Job[];

export interface Metrics {
  articles: number;
  precision: number;
  strictPrecision: number;
  ndcg: number;
  firstRelevant: number;
  firstStrictlyRelevant: number;
  expiredShown: number;
  duplicatesShown: number;
  /** P@5 of a perfect ranker: the mean of min(5, relevant open jobs) / 5. */
  precisionCeiling: number;
  /** Per article: slug, nDCG@5 and the jobs shown with their grades. */
  perArticle: { slug: string; ndcg: number; shown: { slug: string; grade: number }[] }[];
}

export async function loadEvaluation(dir = EVAL_DIR, now = EVAL_NOW): Promise<{ view: SiteView; judgements: Judgements }> {
  const snapshot = await loadContent(dir, { now });
  const judgements = parse(await readFile(path.join(dir, 'judgements.yaml'), 'utf8')) as Judgements;
  return { view: new ContentStore(snapshot).view(now), judgements };
}

export function evaluate(view: SiteView, judgements: Judgements, rank: Ranker): Metrics {
  const current = new Set(view.currentJobs.map((job) => job.slug));
  const perArticle: Metrics['perArticle'] = [];
  let precision = 0, strict = 0, ndcg = 0, first = 0, firstStrict = 0, expired = 0, duplicates = 0, ceiling = 0;
  const slugs = Object.keys(judgements).sort();
  for (const slug of slugs) {
    const article = view.article(slug);
    if (!article) throw new Error(`judgements.yaml: no visible article "${slug}"`);
    const grades = judgements[slug] ?? {};
    const shown = rank(view, article).slice(0, K);
    const gradeOf = (job: Job) => grades[job.slug] ?? 0;
    precision += shown.filter((job) => gradeOf(job) >= 1).length / K;
    strict += shown.filter((job) => gradeOf(job) >= 2).length / K;
    first += shown[0] && gradeOf(shown[0]) >= 1 ? 1 : 0;
    firstStrict += shown[0] && gradeOf(shown[0]) >= 2 ? 1 : 0;
    expired += shown.filter((job) => !current.has(job.slug)).length;
    const keys = shown.map((job) => `${job.title}|${job.employer}|${job.location}`.toLowerCase());
    duplicates += keys.length - new Set(keys).size;
    // The ideal ranking uses only jobs that could be shown (open now).
    const ideal = Object.entries(grades).filter(([job]) => current.has(job)).map(([, grade]) => grade);
    ceiling += Math.min(K, ideal.filter((grade) => grade >= 1).length) / K;
    const score = dcg(shown.map(gradeOf)) / (dcg(ideal.sort((a, b) => b - a)) || 1);
    ndcg += score;
    perArticle.push({ slug, ndcg: score, shown: shown.map((job) => ({ slug: job.slug, grade: gradeOf(job) })) });
  }
  const n = slugs.length;
  return { articles: n, precision: precision / n, strictPrecision: strict / n, ndcg: ndcg / n, firstRelevant: first / n, firstStrictlyRelevant: firstStrict / n, expiredShown: expired, duplicatesShown: duplicates, precisionCeiling: ceiling / n, perArticle };
}

function dcg(grades: readonly number[]): number {
  return grades.slice(0, K).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
}

/** The engine as the site uses it. */
export const engineRanker: Ranker = (view, article) => relatedJobsFor(view, article).map((entry) => entry.job);

/** Plain TF-IDF: cosine between the article's and each current job's word vectors, nothing else. */
export function tfidfRanker(): Ranker {
  const cache = new WeakMap<SiteView, { vectors: Map<string, number>[]; idf: Map<string, number> }>();
  const terms = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of words(text)) counts.set(word.stem, (counts.get(word.stem) ?? 0) + 1);
    return counts;
  };
  const weigh = (counts: Map<string, number>, idf: Map<string, number>) => {
    const vector = new Map([...counts].map(([term, tf]) => [term, (1 + Math.log(tf)) * (idf.get(term) ?? 0)]));
    const length = Math.hypot(...vector.values()) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / length);
    return vector;
  };
  return (view, article) => {
    let model = cache.get(view);
    if (!model) {
      const docs = view.currentJobs.map((job) => terms(`${job.title} ${job.summary} ${job.text} ${job.tags.map((t) => t.name).join(' ')}`));
      const df = new Map<string, number>();
      for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
      const idf = new Map([...df].map(([term, count]) => [term, Math.log(docs.length / count)]));
      model = { vectors: docs.map((doc) => weigh(doc, idf)), idf };
      cache.set(view, model);
    }
    const query = weigh(terms(`${article.title} ${article.summary} ${article.text} ${article.tags.map((t) => t.name).join(' ')}`), model.idf);
    return view.currentJobs
      .map((job, i) => ({ job, score: [...query].reduce((sum, [term, weight]) => sum + weight * (model.vectors[i]!.get(term) ?? 0), 0) }))
      .sort((a, b) => b.score - a.score || a.job.slug.localeCompare(b.job.slug))
      .slice(0, K)
      .map((entry) => entry.job);
  };
}

function row(name: string, m: Metrics): string {
  const pct = (value: number) => value.toFixed(3).padStart(8);
  return `${name.padEnd(10)}${pct(m.precision)}${pct(m.strictPrecision)}${pct(m.ndcg)}${pct(m.firstRelevant)}${pct(m.firstStrictlyRelevant)}${String(m.expiredShown).padStart(9)}${String(m.duplicatesShown).padStart(6)}`;
}

async function report(dir: string, options: { verbose: boolean; explain?: string }): Promise<void> {
  const { view, judgements } = await loadEvaluation(dir);
  const engine = evaluate(view, judgements, engineRanker);
  const baseline = evaluate(view, judgements, tfidfRanker());
  console.log(`\n${path.relative(process.cwd(), dir) || dir}: ${engine.articles} articles, ${view.snapshot.jobs.length} jobs (${view.currentJobs.length} open at ${EVAL_NOW.toISOString()}), top ${K}; P@5 ceiling ${engine.precisionCeiling.toFixed(3)}`);
  console.log(`${'ranker'.padEnd(10)}${'P@5'.padStart(8)}${'P@5≥2'.padStart(8)}${'nDCG@5'.padStart(8)}${'first'.padStart(8)}${'first≥2'.padStart(8)}${'expired'.padStart(9)}${'dups'.padStart(6)}`);
  console.log(row('engine', engine));
  console.log(row('tf-idf', baseline));
  if (options.verbose) {
    for (const entry of engine.perArticle) console.log(`\n${entry.slug}  nDCG ${entry.ndcg.toFixed(3)}\n  ${entry.shown.map((job) => `${job.grade} ${job.slug}`).join('\n  ')}`);
  }
  const article = options.explain ? view.article(options.explain) : undefined;
  if (article) {
    const engineFor = relevanceEngine(view.snapshot.jobs, view.snapshot.topics);
    const query = buildQuery(article, engineFor.index, engineFor.vocabulary, engineFor.gazetteer);
    const grades = judgements[article.slug] ?? {};
    console.log(`\n${article.slug}: topics ${[...query.topics].map(([id, weight]) => `${engineFor.vocabulary.names[id]} ${weight.toFixed(2)}`).join(', ')}; places ${query.places.map((place) => place.name).join(', ') || 'none'}`);
    for (const entry of rankRelatedJobs(article, view.snapshot.jobs, 10, { now: EVAL_NOW, topics: view.snapshot.topics })) {
      const topics = [...engineFor.index.topics[engineFor.index.position.get(entry.job)!]!].map(([id, weight]) => `${engineFor.vocabulary.names[id]} ${weight.toFixed(2)}`);
      console.log(`  ${grades[entry.job.slug] ?? 0} ${entry.job.slug} ${entry.score.toFixed(3)} ${JSON.stringify(entry.breakdown)}\n      ${entry.reasons.join('; ')}\n      job topics: ${topics.join(', ')}`);
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const explainAt = args.indexOf('--explain');
  const explain = explainAt >= 0 ? args[explainAt + 1] : undefined;
  const folders = args.filter((arg, i) => !arg.startsWith('--') && (explainAt < 0 || i !== explainAt + 1));
  const dirs = folders.length ? folders.map((folder) => path.resolve(folder)) : [EVAL_DIR, HOLDOUT_DIR];
  for (const dir of dirs) await report(dir, { verbose: args.includes('--verbose'), ...(explain ? { explain } : {}) });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
