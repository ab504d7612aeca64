/**
 * Ranking: one score per job from four signals, then a greedy pick that
 * spreads the sidebar across employers and never repeats an advert.
 *
 *   score = 0.50 topic + 0.30 words + 0.12 place + 0.04 freshness − 0.05 × (adverts already picked from the employer)
 *
 * topic: how alike the story's and the job's topic profiles are (0–1).
 * words: BM25F of the story's query against the job, scaled by the best job's (0–1).
 * place: same area 1, within the same county or city region 0.7–0.85, same region 0.35.
 * freshness: recently posted and not about to close (0–1), a tie-breaker.
 * Place weighs less than a clear topic difference, so it orders jobs of one
 * field and never lifts a job of the wrong field over the right one.
 */
import type { Job } from '../content/types.js';
import type { JobIndex } from './job-index.js';
import type { Gazetteer } from './places.js';
import type { ArticleQuery } from './query.js';
import type { Vocabulary } from './vocabulary.js';

export const WEIGHTS = { topic: 0.5, bm25: 0.3, place: 0.12, freshness: 0.04, diversity: 0.05 } as const;
const TOPIC_BLEND = 0.5;
const DAY = 86_400_000;

/** Why a job scored what it did; each signal as its contribution to the score. */
export interface ScoreBreakdown {
  bm25: number;
  topic: number;
  place: number;
  freshness: number;
  /** Penalty for sharing an employer with jobs ranked above (zero or negative). */
  diversity: number;
}

/** A sidebar entry: the job, its score, whether the editor pinned it, and why it was picked. */
export interface ScoredJob {
  job: Job;
  score: number;
  pinned: boolean;
  /** Why the job was picked, for `?debug=jobs` and tests. */
  reasons: string[];
  /** Each signal's contribution to `score`. */
  breakdown: ScoreBreakdown;
}

export interface SidebarOptions {
  count: number;
  /** Pinned job slugs in the editor's order. */
  pinned: readonly string[];
  /** Only these jobs may be shown (the view's current jobs). */
  isCurrent: (job: Job) => boolean;
  now?: Date;
}

export function rankJobs(index: JobIndex, query: ArticleQuery, vocabulary: Vocabulary, gazetteer: Gazetteer, options: SidebarOptions): ScoredJob[] {
  const n = index.jobs.length;
  const bm25 = new Float64Array(n);
  for (const term of query.terms) {
    const { jobs, saturation, idf } = term.postings;
    const weight = term.weight * idf;
    for (let i = 0; i < jobs.length; i++) bm25[jobs[i]!]! += weight * saturation[i]!;
  }
  const topic = topicScores(index, query);
  const now = options.now?.getTime() ?? index.latestPosted;
  const { postedAt, closesAt } = index;
  const open = (id: number) => postedAt[id]! <= now && closesAt[id]! > now && options.isCurrent(index.jobs[id]!);
  const eligible: number[] = [];
  let bestBm25 = 0;
  for (let id = 0; id < n; id++) {
    if (!open(id)) continue;
    eligible.push(id);
    if (bm25[id]! > bestBm25) bestBm25 = bm25[id]!;
  }
  const bm25Scale = bestBm25 > 0 ? WEIGHTS.bm25 / bestBm25 : 0;
  const near = query.places.length ? gazetteer.table(query.places) : undefined;
  const placeOf = (id: number) => {
    let best = 0;
    if (near) for (const place of index.places[id]!) best = Math.max(best, near[place.id]!);
    return WEIGHTS.place * best;
  };
  const signals = (id: number): ScoreBreakdown => ({
    topic: WEIGHTS.topic * Math.min(1, topic[id]!),
    bm25: bm25Scale * bm25[id]!,
    place: placeOf(id),
    freshness: WEIGHTS.freshness * freshness(postedAt[id]!, closesAt[id]!, now),
    diversity: 0,
  });
  // The hot loop: every open job's score, without building breakdowns.
  const base = new Float64Array(n);
  for (const id of eligible) {
    base[id] = WEIGHTS.topic * Math.min(1, topic[id]!) + bm25Scale * bm25[id]! + placeOf(id) + WEIGHTS.freshness * freshness(postedAt[id]!, closesAt[id]!, now);
  }

  const pinned = pinnedJobs(index, options.pinned, open);
  const pool = topCandidates(eligible.filter((id) => !pinned.includes(id)), base, index, options.count * 4);
  const picked = pinned.map((id) => explain(id, signals(id), true, index, query, vocabulary, gazetteer));
  const employers = new Map<string, number>();
  const shown = new Set<string>();
  for (const id of pinned) count(employers, index.employerKeys[id]!, shown, index.duplicateKeys[id]!);
  const wanted = Math.max(options.count, pinned.length);
  // Greedy: each slot takes the best job after a penalty for employers already shown.
  while (picked.length < wanted && pool.length) {
    let best = 0;
    let bestScore = -Infinity;
    pool.forEach((id, i) => {
      const adjusted = base[id]! - WEIGHTS.diversity * (employers.get(index.employerKeys[id]!) ?? 0);
      if (adjusted > bestScore + 1e-12 || (Math.abs(adjusted - bestScore) <= 1e-12 && compareJobs(id, pool[best]!, index) < 0)) {
        best = i;
        bestScore = adjusted;
      }
    });
    const [id] = pool.splice(best, 1) as [number];
    if (shown.has(index.duplicateKeys[id]!)) continue;
    const breakdown = { ...signals(id), diversity: bestScore - base[id]! };
    picked.push(explain(id, breakdown, false, index, query, vocabulary, gazetteer));
    count(employers, index.employerKeys[id]!, shown, index.duplicateKeys[id]!);
  }
  return picked;
}

/**
 * Topic similarity, 0–1: the mean of the cosine of the two profiles (how
 * alike the mixes are) and the best shared topic, each side scaled to its
 * main topic (a "Senior Practitioner" is fully social work and fully
 * children's services; neither dilutes the other). The story's side is
 * widened to related topics, at their affinity (a budget story matches an
 * internal auditor at half strength).
 */
function topicScores(index: JobIndex, query: ArticleQuery): Float64Array {
  const n = index.jobs.length;
  const cosine = new Float64Array(n);
  const best = new Float64Array(n);
  const strongest = Math.max(0, ...query.topics.values());
  for (const [id, weight] of query.related) {
    const list = index.byTopic.get(id);
    if (!list) continue;
    for (let i = 0; i < list.jobs.length; i++) {
      const job = list.jobs[i]!;
      cosine[job]! += weight * list.weights[i]!;
      best[job] = Math.max(best[job]!, (weight / strongest) * (list.weights[i]! / index.topicMax[job]!));
    }
  }
  for (let job = 0; job < n; job++) cosine[job] = TOPIC_BLEND * Math.min(1, cosine[job]!) + (1 - TOPIC_BLEND) * best[job]!;
  return cosine;
}

function count(employers: Map<string, number>, employer: string, shown: Set<string>, duplicate: string): void {
  employers.set(employer, (employers.get(employer) ?? 0) + 1);
  shown.add(duplicate);
}

/** Pinned jobs that can be shown, in the editor's order, once each. */
function pinnedJobs(index: JobIndex, pinned: readonly string[], open: (id: number) => boolean): number[] {
  const ids = pinned.flatMap((slug) => {
    const id = index.bySlug.get(slug);
    return id !== undefined && open(id) ? [id] : [];
  });
  return [...new Set(ids)];
}

/** The best `size` jobs, best first, without sorting them all. */
function topCandidates(ids: readonly number[], base: Float64Array, index: JobIndex, size: number): number[] {
  const top: number[] = [];
  const before = (a: number, b: number) => base[b]! - base[a]! || compareJobs(a, b, index);
  for (const id of ids) {
    if (top.length === size && before(id, top[size - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && before(id, top[at - 1]!) < 0) at--;
    top.splice(at, 0, id);
    if (top.length > size) top.pop();
  }
  return top;
}

/** Deterministic ties: newer posting first, then the slug. */
function compareJobs(a: number, b: number, index: JobIndex): number {
  const x = index.jobs[a]!;
  const y = index.jobs[b]!;
  return y.posted.getTime() - x.posted.getTime() || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0);
}

/** 1 for a job posted today with weeks to run; less as it ages or nears its closing date. */
function freshness(posted: number, closes: number, now: number): number {
  const age = Math.max(0, (now - posted) / DAY);
  const left = Math.max(0, (closes - now) / DAY);
  return 0.5 * Math.exp(-age / 21) + 0.5 * Math.min(1, left / 7);
}

function explain(id: number, breakdown: ScoreBreakdown, pinned: boolean, index: JobIndex, query: ArticleQuery, vocabulary: Vocabulary, gazetteer: Gazetteer): ScoredJob {
  const reasons: string[] = pinned ? ['pinned by the editor'] : [];
  const shared = [...query.topics]
    .map(([topic, weight]) => ({ name: vocabulary.names[topic]!, weight: weight * (index.topics[id]!.get(topic) ?? 0) }))
    .filter((entry) => entry.weight > 0.02)
    .sort((a, b) => b.weight - a.weight)
    .map((entry) => entry.name);
  if (shared.length) reasons.push(`topic: ${shared.slice(0, 3).join(', ')}`);
  else {
    const related = [...query.related]
      .filter(([topic]) => !query.topics.has(topic))
      .map(([topic, weight]) => ({ name: vocabulary.names[topic]!, weight: weight * (index.topics[id]!.get(topic) ?? 0) }))
      .filter((entry) => entry.weight > 0.02)
      .sort((a, b) => b.weight - a.weight)
      .map((entry) => entry.name);
    if (related.length) reasons.push(`related topic: ${related.slice(0, 2).join(', ')}`);
  }
  const matched = query.terms.filter((term) => hasJob(term.postings.jobs, id)).map((term) => term.stem);
  if (matched.length) reasons.push(`words: ${matched.slice(0, 6).join(', ')}`);
  const place = gazetteer.compare(query.places, index.places[id]!);
  if (place) reasons.push(`place: ${place.label}${query.placeSource === 'body' ? ' (named in the story)' : ''}`);
  if (breakdown.diversity < 0) reasons.push('diversity: employer already shown');
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const rounded: ScoreBreakdown = {
    bm25: round(breakdown.bm25),
    topic: round(breakdown.topic),
    place: round(breakdown.place),
    freshness: round(breakdown.freshness),
    diversity: round(breakdown.diversity),
  };
  return { job: index.jobs[id]!, score: round(breakdown.topic + breakdown.bm25 + breakdown.place + breakdown.freshness + breakdown.diversity), pinned, reasons, breakdown: rounded };
}

function hasJob(jobs: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = jobs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (jobs[mid] === id) return true;
    if (jobs[mid]! < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
