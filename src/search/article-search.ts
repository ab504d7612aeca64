/**
 * Article search over a view: the snapshot's index (built once per content
 * version, memoised on the snapshot), hits kept only when the view shows the
 * article (drafts and scheduled ones never appear; in preview they do), then
 * re-ranked for recency and adjacent words.
 *
 * After a reload, the new snapshot's index is made from the last finished
 * one, counting only the articles that are new records (ArticleIndex.update;
 * now and then it is built whole again), in the background while searches
 * are answered from the last finished index, its hits looked up by slug in
 * the current view (articles that are gone drop out). Only the very first
 * search, with no index at all, waits for a build.
 */
import type { ContentSnapshot } from '../content/snapshot.js';
import type { SiteView } from '../content/site-view.js';
import type { Article } from '../content/types.js';
import { ArticleIndex, type IndexHit } from './article-index.js';
import { rankArticles, type ScoredArticle } from './ranking.js';
import { indexTerms } from './text.js';

export interface ArticleSearchResult {
  hits: ScoredArticle[];
  /** False when no article had every word and the hits have some of them. */
  allWords: boolean;
  /** True when the query had no searchable words (only stop words, symbols or emoji). */
  empty: boolean;
}

export interface ArticleSearch {
  search(view: SiteView, query: string): Promise<ArticleSearchResult>;
  /** Starts building the snapshot's index in the background (idempotent); resolves when it is ready. */
  warm(snapshot: ContentSnapshot): Promise<ArticleIndex>;
}

/** Fewer hits than this for the words as typed, and the search is run again forgiving typos. */
export const TYPO_FALLBACK_BELOW = 10;

const ready = new WeakMap<ContentSnapshot, ArticleIndex>();
const building = new WeakMap<ContentSnapshot, Promise<ArticleIndex>>();

/** One per app: remembers the last finished index, to answer from while a newer one builds. */
export function createArticleSearch(): ArticleSearch {
  let latest: ArticleIndex | undefined;
  // Builds finish in any order: only a build started later than the latest's replaces it.
  let started = 0;
  let latestStarted = -1;
  const settle = (index: ArticleIndex, order: number) => {
    if (order > latestStarted) [latest, latestStarted] = [index, order];
    return index;
  };

  function warm(snapshot: ContentSnapshot): Promise<ArticleIndex> {
    const order = started++;
    const done = ready.get(snapshot);
    if (done) return Promise.resolve(settle(done, order));
    let pending = building.get(snapshot);
    if (!pending) {
      // From the last finished index: only the articles that are new records are counted (see ArticleIndex.update).
      const build = latest ? ArticleIndex.updateInBackground(latest, snapshot.articles) : ArticleIndex.buildInBackground(snapshot.articles);
      pending = build.then((index) => {
        ready.set(snapshot, index);
        building.delete(snapshot);
        return index;
      });
      building.set(snapshot, pending);
    }
    return pending.then((index) => settle(index, order));
  }

  async function indexFor(snapshot: ContentSnapshot): Promise<ArticleIndex> {
    const done = ready.get(snapshot);
    if (done) return settle(done, started++);
    const pending = warm(snapshot);
    return latest ?? (await pending);
  }

  return {
    warm,
    async search(view, query) {
      const words = indexTerms(query).length;
      if (!words) return { hits: [], allWords: true, empty: true };
      const index = await indexFor(view.snapshot);
      const shown = shownArticles(view, index);
      let hits = visible(index.search(query, 'all'), shown);
      // Typos only when the words as typed find little: near spellings would pad a good query (`rates` → `dates`).
      if (hits.length < TYPO_FALLBACK_BELOW) hits = visible(index.search(query, 'all', true), shown);
      let allWords = true;
      if (!hits.length && words > 1) {
        hits = visible(index.search(query, 'any', true), shown);
        allWords = false;
      }
      return { hits: rankArticles(hits, query, view.now), allWords, empty: false };
    },
  };
}

const shownByView = new WeakMap<SiteView, { index: ArticleIndex; articles: (Article | undefined)[] }>();

/** The view's own record of each indexed article (by index id), undefined where the view does not show it. Memoised per view. */
function shownArticles(view: SiteView, index: ArticleIndex): (Article | undefined)[] {
  let shown = shownByView.get(view);
  if (shown?.index !== index) {
    shown = { index, articles: index.slugs.map((slug) => view.article(slug)) };
    shownByView.set(view, shown);
  }
  return shown.articles;
}

/** Index hits the view shows, as its own article records. */
function visible(hits: readonly IndexHit[], shown: readonly (Article | undefined)[]): ScoredArticle[] {
  const scored: ScoredArticle[] = [];
  for (const hit of hits) {
    const article = shown[hit.id];
    if (article) scored.push({ article, score: hit.score, terms: hit.terms });
  }
  return scored;
}
