/**
 * Re-ranking of index hits: a gentle preference for recent articles, and
 * extra score when the query's words stand next to each other in the
 * headline, standfirst or body ("phrase-ish" matching). Pure: `now` is given.
 */
import type { Article } from '../content/types.js';
import { foldText, indexTerm, words } from './text.js';

export interface ScoredArticle {
  article: Article;
  score: number;
  /** Matched index terms, for highlighting. */
  terms: string[];
}

/** A brand-new article gains at most this share of its score; a year-old one about a third of it. */
export const RECENCY_WEIGHT = 0.1;
const RECENCY_HALF_LIFE_DAYS = 180;
/** Only the best hits are checked for adjacent words (the check reads the body). */
export const PHRASE_CANDIDATES = 50;
const PHRASE_BOOST = { title: 0.6, summary: 0.4, text: 0.25 };
const DAY_MS = 86_400_000;

export function recencyFactor(date: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - date.getTime()) / DAY_MS);
  return 1 + (RECENCY_WEIGHT * RECENCY_HALF_LIFE_DAYS) / (RECENCY_HALF_LIFE_DAYS + ageDays);
}

/** Best first: score, then newer, then slug, so equal matches always come out in one order. */
export function byRank(a: ScoredArticle, b: ScoredArticle): number {
  // Slugs are ASCII: compared by code unit (localeCompare is many times slower, and a sort of 10,000 hits runs it often).
  return b.score - a.score || b.article.date.getTime() - a.article.date.getTime() || (a.article.slug < b.article.slug ? -1 : a.article.slug > b.article.slug ? 1 : 0);
}

/**
 * Patterns for each pair of neighbouring query words (stop words skipped):
 * the first word's stem-prefix, then the second's, with at most one short word
 * between (`children's services`, `council of Sandwell`).
 */
export function phrasePatterns(query: string): RegExp[] {
  const stems = words(query)
    .filter((word) => indexTerm(word) !== null)
    .map((word) => commonPrefix(word, indexTerm(word)!));
  const patterns: RegExp[] = [];
  for (let i = 1; i < stems.length; i++) {
    const gap = '[^\\p{L}\\p{N}]+(?:[\\p{L}\\p{N}]{1,3}[^\\p{L}\\p{N}]+)?';
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])${stems[i - 1]}[\\p{L}\\p{N}]*${gap}${stems[i]}`, 'iu'));
  }
  return patterns;
}

/**
 * Multiplier for how many neighbouring query-word pairs appear in each field.
 * Headline and standfirst are folded first; the body is matched in its
 * Markdown source, case-insensitively (its plain text is made afresh on each
 * read, and folding every candidate's body on each search costs more than the
 * accent-insensitive phrase is worth). A link's `](url)` between two words
 * breaks their phrase; other markup is punctuation to the pattern.
 */
export function phraseFactor(article: Article, patterns: readonly RegExp[]): number {
  if (!patterns.length) return 1;
  const share = (text: string) => patterns.filter((pattern) => pattern.test(text)).length / patterns.length;
  return (
    1 +
    PHRASE_BOOST.title * share(foldText(article.title)) +
    PHRASE_BOOST.summary * share(foldText(article.summary)) +
    PHRASE_BOOST.text * share(article.body)
  );
}

/** Applies recency to every hit and the phrase boost to the best ones, and sorts. Scores are updated in place. */
export function rankArticles(hits: ScoredArticle[], query: string, now: Date): ScoredArticle[] {
  for (const hit of hits) hit.score *= recencyFactor(hit.article.date, now);
  hits.sort(byRank);
  const patterns = phrasePatterns(query);
  if (!patterns.length) return hits;
  const head = hits.slice(0, PHRASE_CANDIDATES);
  for (const hit of head) hit.score *= phraseFactor(hit.article, patterns);
  return [...head.sort(byRank), ...hits.slice(PHRASE_CANDIDATES)];
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, Math.max(i, 1));
}
