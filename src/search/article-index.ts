/**
 * The full-text index of a snapshot's articles: every article, drafts and
 * scheduled ones included, so the index is built once per content version
 * and a search filters hits to what the current view shows. Fields are
 * weighted title > tags, standfirst > places, authors > body.
 *
 * The index is a CompactIndex (compact-index.ts): sorted dictionary,
 * byte-packed postings and field lengths in typed arrays, scored exactly as
 * MiniSearch 7 scored the same postings (BM25+, prefix and fuzzy weights,
 * AND/OR), in a twentieth of MiniSearch's memory or less. Words are counted by a
 * TermCounter (one pass over each text's characters, each distinct word
 * folded and stemmed once).
 *
 * A reload's index is made from the last one (`update`): the records the new
 * snapshot shares with the old keep their postings, the others are marked
 * deleted, and only new records are counted, into a segment of their own;
 * the segments are searched as one (segmented-index.ts), with exactly the
 * scores a whole build gives.
 */
import type { Article } from '../content/types.js';
import { CompactIndex, CompactIndexBuilder, type QueryTerm } from './compact-index.js';
import { SegmentedIndex, type Segment } from './segmented-index.js';
import type { TermCounter } from './term-counter.js';
import { indexTerm, words } from './text.js';

/** A match in the index: the article's slug in the indexed snapshot and what matched. */
export interface IndexHit {
  /** The article's position in the indexed list (see `slugs`). */
  id: number;
  slug: string;
  score: number;
  /** Index terms (stems) that matched, fuzzy and prefix expansions included: what to highlight. */
  terms: string[];
}

/** The indexed fields, in the order they are counted and scored. */
export const FIELDS = ['title', 'tags', 'summary', 'places', 'authors', 'text'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_BOOST: Record<Field, number> = { title: 6, tags: 3, summary: 3, places: 2, authors: 2, text: 1 };

/** Occurrences of a term counted per field, at most: BM25's term-frequency curve is nearly flat by then. */
export const MAX_TERM_FREQUENCY = 3;

/**
 * Words of a body indexed: the first this many (a long news story; its key
 * facts come first). Headline, standfirst, tags, places and authors are
 * always indexed whole. Lucene capped fields the same way (10,000 terms):
 * build time and memory grow with the longest documents, while the words a
 * story is found by are mostly near its start. A word only further down is
 * not found (README, "Search", has the effect on the benchmark corpus).
 */
export const MAX_BODY_WORDS = 1000;

export interface BuildOptions {
  /** Overrides MAX_BODY_WORDS (Infinity: whole bodies). */
  maxBodyWords?: number;
  /** No effect since the index stopped being MiniSearch (it was: load MiniSearch through its serialised form); kept so callers compile. */
  serialised?: boolean;
}

/** Articles counted per step of a background build; ten times as many have their postings laid out per step (cheaper work). */
const ARTICLES_PER_CHUNK = 200;
/** A step of counting also ends after this much work (an article whose body is read from disk costs about half a millisecond). */
const STEP_MS = 10;
const LAYOUT_CHUNKS_PER_CHUNK = 10;

/** One typo from five letters, two from eight (0.2 of the length, rounded, at most 2); digits-only terms never. */
const MAX_TYPOS = 2;
function typosAllowed(term: string): number {
  return term.length >= 5 && /\D/.test(term) ? Math.min(MAX_TYPOS, Math.round(term.length * 0.2)) : 0;
}

/**
 * A query's index terms, as MiniSearch took them with the options the index
 * used to give it: the query's words, stop words dropped, stemmed; the last
 * one (still being typed) also matches as a beginning, from three letters
 * (`counc` finds `council`); with `typos`, each matches near spellings.
 */
function queryTerms(query: string, typos: boolean): QueryTerm[] {
  const terms: string[] = [];
  for (const word of words(query)) {
    const term = indexTerm(word);
    if (term) terms.push(term);
  }
  return terms.map((term, i) => ({ term, prefix: i === terms.length - 1 && term.length >= 3, maxDistance: typos ? typosAllowed(term) : 0 }));
}

/** Counts a field's words into `counter`; the body is read from its Markdown source (its plain text only for Markdown the counter leaves to it). */
export function countField(counter: TermCounter, article: Article, field: Field, maxBodyWords: number): void {
  switch (field) {
    case 'title':
      return counter.addText(article.title);
    case 'tags':
      return article.tags.forEach((tag) => counter.addText(tag.name));
    // Without a standfirst the summary is the body's first paragraph: indexed once, as body.
    case 'summary':
      return article.hasStandfirst ? counter.addText(article.summary) : undefined;
    case 'places':
      return article.places.forEach((place) => counter.addText(place));
    case 'authors':
      return article.authors.forEach((author) => counter.addText(author.name));
    case 'text':
      if (!counter.addMarkdown(article.body, maxBodyWords)) counter.addText(article.text, maxBodyWords);
  }
}

const FIELD_BOOSTS = FIELDS.map((field) => FIELD_BOOST[field]);

/**
 * An update builds the index whole again when the articles counted since the
 * last whole build would be more than this share of the base's live ones, or
 * when more than this share of the base's articles are gone (their postings
 * are still decoded, then dropped, on every search).
 */
export const MAX_DELTA_SHARE = 0.1;
export const MAX_DELETED_SHARE = 0.1;
/** Segments of new articles kept beside the base; one more and they are counted again as one. */
export const MAX_DELTAS = 3;

type Pause = () => Promise<unknown>;
const pause: Pause = () => new Promise((resolve) => setImmediate(resolve));

export class ArticleIndex {
  /** The indexed articles' slugs, by id. */
  readonly slugs: readonly string[];

  private constructor(
    private readonly index: CompactIndex | SegmentedIndex,
    /** The indexed articles, by id (the snapshot's array). */
    readonly articles: readonly Article[],
    private readonly maxBodyWords: number,
    /** Articles whose words were counted to make this index: all of them for a whole build, the new ones for an update. */
    readonly counted: number,
  ) {
    const slugs = new Array<string>(articles.length);
    for (let id = 0; id < articles.length; id++) slugs[id] = articles[id]!.slug;
    this.slugs = slugs;
  }

  /** Builds the index in one go (blocks until done). */
  static build(articles: readonly Article[], options: BuildOptions = {}): ArticleIndex {
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    return new ArticleIndex(countNow(articles, maxBodyWords), articles, maxBodyWords, articles.length);
  }

  /**
   * Builds the index in chunks, yielding to the event loop between them, so
   * requests keep being answered: articles 200 (`chunkSize`) or 10 ms at a
   * time, then the postings laid out 2,000 articles at a time.
   */
  static async buildInBackground(articles: readonly Article[], options: BuildOptions = {}, chunkSize = ARTICLES_PER_CHUNK): Promise<ArticleIndex> {
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    return new ArticleIndex(await countInSteps(articles, maxBodyWords, chunkSize), articles, maxBodyWords, articles.length);
  }

  /**
   * The index of `articles` made from `previous` (the index of an earlier
   * snapshot): articles that are the very same records keep their postings
   * in `previous`'s segments, those that are gone are marked deleted there,
   * and only the new records (added, edited, renamed) are counted, into a
   * small segment of their own. Searches give exactly what `build(articles)`
   * gives. Builds the whole index instead when the new articles since the
   * last whole build pass a tenth of it, or a tenth of it is gone.
   */
  static update(previous: ArticleIndex, articles: readonly Article[], options: BuildOptions = {}): ArticleIndex {
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    const plan = previous.planFor(articles, maxBodyWords);
    if (!plan) return ArticleIndex.build(articles, options);
    return previous.updated(plan, articles, plan.fresh.length ? countNow(plan.fresh.map((id) => articles[id]!), maxBodyWords) : undefined);
  }

  /** `update`, counting the new articles (or the whole index) in chunks as `buildInBackground` does. */
  static async updateInBackground(previous: ArticleIndex, articles: readonly Article[], options: BuildOptions = {}, chunkSize = ARTICLES_PER_CHUNK): Promise<ArticleIndex> {
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    const plan = previous.planFor(articles, maxBodyWords);
    if (!plan) return ArticleIndex.buildInBackground(articles, options, chunkSize);
    return previous.updated(plan, articles, plan.fresh.length ? await countInSteps(plan.fresh.map((id) => articles[id]!), maxBodyWords, chunkSize) : undefined);
  }

  /** How this index becomes the index of `articles`; undefined when a whole build is better (or needed: another body cap). */
  private planFor(articles: readonly Article[], maxBodyWords: number): UpdatePlan | undefined {
    if (maxBodyWords !== this.maxBodyWords) return undefined;
    // A snapshot that changed no article keeps the very array: nothing to map, nothing to count.
    if (articles === this.articles) return { kept: [], fresh: [], same: true };
    return planUpdate(this.segments, this.articles, articles);
  }

  /** The index of `articles` from this one, by `plan`, with `delta` the index of the plan's fresh articles. */
  private updated(plan: UpdatePlan, articles: readonly Article[], delta: CompactIndex | undefined): ArticleIndex {
    const index = plan.same ? this.index : assemble(plan, delta, articles.length);
    return new ArticleIndex(index, articles, this.maxBodyWords, plan.fresh.length);
  }

  get size(): number {
    return this.slugs.length;
  }

  /** Memory the index holds in typed arrays and its dictionary, in bytes (an estimate; the slugs are the snapshot's). */
  get bytes(): number {
    return this.index.bytes;
  }

  /** The index's segments: one after a whole build; after updates, the base, then segments of articles counted since. */
  get segments(): readonly Segment[] {
    if (this.index instanceof SegmentedIndex) return this.index.segments;
    const ids = new Int32Array(this.index.documents);
    for (let id = 0; id < ids.length; id++) ids[id] = id;
    return [{ index: this.index, ids, live: ids.length }];
  }

  /**
   * Articles matching every word (`all`) or any word of `query`, best first by
   * the index's own score; with `typos`, words also match with a typo or two
   * (slower: the dictionary is walked for near spellings).
   */
  search(query: string, combineWith: 'all' | 'any', typos = false): IndexHit[] {
    return this.index.search(queryTerms(query, typos), combineWith === 'all').map((hit) => ({
      id: hit.id,
      slug: this.slugs[hit.id]!,
      score: hit.score,
      terms: hit.terms,
    }));
  }
}

interface UpdatePlan {
  /** The previous index's segments still in use, their ids mapped onto the new articles; the base first. */
  kept: Segment[];
  /** Ids (positions in the new articles) of the articles to count into a new segment, ascending. */
  fresh: number[];
  /** The very same articles: the index is kept as it is. */
  same?: boolean;
}

/**
 * How the index of `articles` is made from `previous`: which of its segments
 * are kept, their ids mapped onto `articles` by record identity, and which
 * articles are counted into a new segment. Undefined when building the whole
 * index is better (or the previous index cannot be used).
 */
function planUpdate(previous: readonly Segment[], previousArticles: readonly Article[], articles: readonly Article[]): UpdatePlan | undefined {
  const moved = newPositions(previousArticles, articles);
  const covered = new Uint8Array(articles.length);
  const segments: Segment[] = [];
  for (const segment of previous) {
    const mapped = new Int32Array(segment.ids.length);
    let live = 0;
    let last = -1;
    for (let doc = 0; doc < mapped.length; doc++) {
      const old = segment.ids[doc]!;
      const id = old < 0 ? -1 : moved[old]!;
      mapped[doc] = id;
      if (id < 0) continue;
      // Merged postings must stay in id order (they do: both lists are in the snapshot's order).
      if (id <= last || covered[id]) return undefined;
      last = id;
      covered[id] = 1;
      live++;
    }
    segments.push({ index: segment.index, ids: mapped, live });
  }
  const [base, ...deltas] = segments;
  if (!base || base.live < base.index.documents * (1 - MAX_DELETED_SHARE)) return undefined;
  const uncovered = (marks: Uint8Array) => {
    const ids: number[] = [];
    for (let id = 0; id < marks.length; id++) if (!marks[id]) ids.push(id);
    return ids;
  };
  let kept = deltas.filter((segment) => segment.live > 0);
  let fresh = uncovered(covered);
  if (kept.length + (fresh.length ? 1 : 0) > MAX_DELTAS) {
    // Too many segments to merge on every search: everything not in the base is counted again, as one.
    const inBase = new Uint8Array(articles.length);
    for (const id of base.ids) if (id >= 0) inBase[id] = 1;
    kept = [];
    fresh = uncovered(inBase);
  }
  const sinceBase = kept.reduce((sum, segment) => sum + segment.live, fresh.length);
  if (sinceBase > base.live * MAX_DELTA_SHARE) return undefined;
  return { kept: [base, ...kept], fresh };
}

/**
 * Where each of the previous snapshot's articles is in the new one (-1: it
 * is not, the very record), by walking both in the snapshot's order (newest
 * first, then by slug): records not in both are met only where something
 * changed, so the walk costs one comparison per article. Should the order
 * ever differ, a kept record would only be counted again as new.
 */
function newPositions(previous: readonly Article[], articles: readonly Article[]): Int32Array {
  const moved = new Int32Array(previous.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < previous.length && j < articles.length) {
    const was = previous[i]!;
    const is = articles[j]!;
    if (was === is) {
      moved[i++] = j++;
      continue;
    }
    const order = is.date.getTime() - was.date.getTime() || was.slug.localeCompare(is.slug);
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  return moved;
}

/** The index of `documents` articles from the plan's kept segments and the segment of its fresh articles. */
function assemble(plan: UpdatePlan, delta: CompactIndex | undefined, documents: number): CompactIndex | SegmentedIndex {
  const segments = [...plan.kept];
  if (delta) segments.push({ index: delta, ids: Int32Array.from(plan.fresh), live: plan.fresh.length });
  // The older indexes' search memory is not needed by this one (it has its own, one slot per article).
  for (const segment of segments) segment.index.release();
  const [only] = segments;
  // Nothing gone and nothing new: the ids are the base's own.
  if (segments.length === 1 && only!.live === only!.index.documents && only!.live === documents) return only!.index;
  return new SegmentedIndex(segments, documents, FIELD_BOOSTS);
}

/** The articles' CompactIndex, in one go. */
function countNow(articles: readonly Article[], maxBodyWords: number): CompactIndex {
  const builder = new CompactIndexBuilder(FIELD_BOOSTS, MAX_TERM_FREQUENCY);
  for (const article of articles) addArticle(builder, article, maxBodyWords);
  return builder.finish();
}

/**
 * The articles' CompactIndex, counted at most `chunkSize` (and at most
 * STEP_MS of work) at a time and laid out ten times as many at a time,
 * yielding in between: a request waits for one step at most.
 */
async function countInSteps(articles: readonly Article[], maxBodyWords: number, chunkSize: number): Promise<CompactIndex> {
  const builder = new CompactIndexBuilder(FIELD_BOOSTS, MAX_TERM_FREQUENCY);
  let stepStarted = -Infinity;
  let inStep = chunkSize;
  for (const article of articles) {
    if (inStep >= chunkSize || performance.now() - stepStarted > STEP_MS) {
      await pause();
      stepStarted = performance.now();
      inStep = 0;
    }
    addArticle(builder, article, maxBodyWords);
    inStep++;
  }
  return builder.finishInSteps(chunkSize * LAYOUT_CHUNKS_PER_CHUNK, pause);
}

function addArticle(builder: CompactIndexBuilder, article: Article, maxBodyWords: number): void {
  FIELDS.forEach((field, fieldId) => {
    countField(builder.counter, article, field, maxBodyWords);
    builder.endField(fieldId);
  });
  builder.endDocument();
}
