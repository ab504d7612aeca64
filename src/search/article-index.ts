/**
 * The full-text index of a snapshot's articles (MiniSearch): every article,
 * drafts and scheduled ones included, so the index is built once per content
 * version and a search filters hits to what the current view shows.
 * Fields are weighted title > tags, standfirst > places, authors > body.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import type { Article } from '../content/types.js';
import { TermCounter } from './term-counter.js';
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

const FIELDS = ['title', 'tags', 'summary', 'places', 'authors', 'text'] as const;
type Field = (typeof FIELDS)[number];

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

const TERMS_PER_CHUNK = 2000;

export interface BuildOptions {
  /** Overrides MAX_BODY_WORDS (Infinity: whole bodies). */
  maxBodyWords?: number;
  /** Loads MiniSearch through its serialised form only (slower): the reference the direct load is tested against. */
  serialised?: boolean;
}

/** Where MiniSearch 7 keeps its terms: a radix tree of term → field id → article id → occurrences. */
interface TermIndex {
  set(term: string, data: Map<number, Map<number, number>>): unknown;
}

function termIndexOf(mini: MiniSearch): TermIndex | undefined {
  const index = (mini as unknown as { _index?: Partial<TermIndex> })._index;
  return typeof index?.set === 'function' ? (index as TermIndex) : undefined;
}

/** One typo from five letters, two from ten (digits-only terms never). */
const TYPOS: SearchOptions['fuzzy'] = (term) => (term.length >= 5 && /\D/.test(term) ? 0.2 : false);

const SEARCH_OPTIONS: SearchOptions = {
  tokenize: words,
  processTerm: indexTerm,
  boost: FIELD_BOOST,
  // The last word is the one still being typed: it also matches as a beginning, from three letters (`counc` finds `council`).
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  fuzzy: false,
  maxFuzzy: 2,
};

/** Counts a field's words into `counter`; the body is read from its Markdown source (its plain text only for Markdown the counter leaves to it). */
function countField(counter: TermCounter, article: Article, field: Field, maxBodyWords: number): void {
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

const MINISEARCH_OPTIONS: Options = { fields: [...FIELDS], tokenize: words, processTerm: indexTerm, searchOptions: SEARCH_OPTIONS };

/**
 * Collects postings (term → field → article → occurrences) in flat arrays and
 * hands them to MiniSearch: one radix-tree insertion per distinct term instead
 * of one per occurrence. Words are counted by a TermCounter (one pass over
 * each text's characters, each distinct word folded and stemmed once).
 *
 * MiniSearch's documented way in is its serialised form (`loadJS`), which
 * turns plain objects with string keys back into Maps of numbers: about 0.3 s
 * of a 10,000-article build. So the documents go in through `loadJS` and the
 * terms straight into the term index it would fill (`putTerms`), in the
 * layout MiniSearch 7 keeps there (term → field id → article id →
 * occurrences). Where that index is not found, or a term goes missing, the
 * build falls back to `loadJS` alone; the tests check both ways give the
 * same results.
 */
class PostingsBuilder {
  constructor(private readonly maxBodyWords: number) {}

  private readonly counter = new TermCounter();
  /** Per field: term id → flat [article, occurrences, article, occurrences, …]. */
  private readonly postings: number[][][] = FIELDS.map(() => []);
  private readonly fieldLength: Record<number, number[]> = {};
  private readonly totalLength: number[] = FIELDS.map(() => 0);
  private count = 0;

  add(article: Article): void {
    const id = this.count++;
    const lengths: number[] = [];
    FIELDS.forEach((field, fieldId) => {
      countField(this.counter, article, field, this.maxBodyWords);
      const byTerm = this.postings[fieldId]!;
      const distinct = this.counter.drain(MAX_TERM_FREQUENCY, (termId, frequency) => {
        (byTerm[termId] ??= []).push(id, frequency);
      });
      lengths.push(distinct);
      this.totalLength[fieldId]! += distinct;
    });
    this.fieldLength[id] = lengths;
  }

  /** MiniSearch's serialised form of the postings, `termCount` terms from `firstTerm` (all by default). */
  plainIndex(firstTerm = 0, termCount = Infinity): AsPlainObject['index'] {
    const terms = this.counter.terms.slice(firstTerm, firstTerm + termCount);
    return terms.map((term, i) => {
      const data: Record<string, Record<string, number>> = {};
      this.postings.forEach((byTerm, fieldId) => {
        const flat = byTerm[firstTerm + i];
        if (!flat) return;
        const entry: Record<string, number> = {};
        for (let k = 0; k < flat.length; k += 2) entry[flat[k]!] = flat[k + 1]!;
        data[fieldId] = entry;
      });
      return [term, data];
    });
  }

  /** Puts `termCount` terms from `firstTerm` straight into MiniSearch's term index, as loadJS would make them. */
  putTerms(into: TermIndex, firstTerm = 0, termCount = Infinity): void {
    const { terms } = this.counter;
    const last = Math.min(terms.length, firstTerm + termCount);
    for (let termId = firstTerm; termId < last; termId++) {
      const data = new Map<number, Map<number, number>>();
      this.postings.forEach((byTerm, fieldId) => {
        const flat = byTerm[termId];
        if (!flat) return;
        const entry = new Map<number, number>();
        for (let k = 0; k < flat.length; k += 2) entry.set(flat[k]!, flat[k + 1]!);
        data.set(fieldId, entry);
      });
      into.set(terms[termId]!, data);
    }
  }

  get termCount(): number {
    return this.counter.terms.length;
  }

  /** The whole serialised index, around its postings (`plainIndex`). */
  plain(index: AsPlainObject['index']): AsPlainObject {
    return {
      documentCount: this.count,
      nextId: this.count,
      documentIds: Object.fromEntries(Array.from({ length: this.count }, (_, id) => [id, id])),
      fieldIds: Object.fromEntries(FIELDS.map((field, fieldId) => [field, fieldId])),
      fieldLength: this.fieldLength,
      averageFieldLength: this.totalLength.map((total) => total / Math.max(1, this.count)),
      storedFields: {},
      dirtCount: 0,
      index,
      serializationVersion: 2,
    };
  }
}

export class ArticleIndex {
  private constructor(
    private readonly mini: MiniSearch,
    /** The indexed articles' slugs, by id. */
    readonly slugs: readonly string[],
  ) {}

  /** Builds the index in one go (blocks until done). */
  static build(articles: readonly Article[], options: BuildOptions = {}): ArticleIndex {
    const builder = new PostingsBuilder(options.maxBodyWords ?? MAX_BODY_WORDS);
    for (const article of articles) builder.add(article);
    const slugs = articles.map((article) => article.slug);
    const mini = MiniSearch.loadJS(builder.plain([]), MINISEARCH_OPTIONS);
    const terms = options.serialised ? undefined : termIndexOf(mini);
    if (terms) builder.putTerms(terms);
    if (terms && mini.termCount === builder.termCount) return new ArticleIndex(mini, slugs);
    return new ArticleIndex(MiniSearch.loadJS(builder.plain(builder.plainIndex()), MINISEARCH_OPTIONS), slugs);
  }

  /**
   * Builds the index in chunks, yielding to the event loop between them, so
   * requests keep being answered: articles 200 at a time, then the terms
   * 2,000 at a time.
   */
  static async buildInBackground(articles: readonly Article[], options: BuildOptions = {}, chunkSize = 200): Promise<ArticleIndex> {
    const builder = new PostingsBuilder(options.maxBodyWords ?? MAX_BODY_WORDS);
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    for (let start = 0; start < articles.length; start += chunkSize) {
      await pause();
      for (const article of articles.slice(start, start + chunkSize)) builder.add(article);
    }
    const slugs = articles.map((article) => article.slug);
    const mini = MiniSearch.loadJS(builder.plain([]), MINISEARCH_OPTIONS);
    const terms = options.serialised ? undefined : termIndexOf(mini);
    if (terms) {
      for (let first = 0; first < builder.termCount; first += TERMS_PER_CHUNK) {
        await pause();
        builder.putTerms(terms, first, TERMS_PER_CHUNK);
      }
      if (mini.termCount === builder.termCount) return new ArticleIndex(mini, slugs);
    }
    const index: AsPlainObject['index'] = [];
    for (let first = 0; first < builder.termCount; first += TERMS_PER_CHUNK) {
      await pause();
      index.push(...builder.plainIndex(first, TERMS_PER_CHUNK));
    }
    await pause();
    return new ArticleIndex(MiniSearch.loadJS(builder.plain(index), MINISEARCH_OPTIONS), slugs);
  }

  get size(): number {
    return this.slugs.length;
  }

  /**
   * Articles matching every word (`all`) or any word of `query`, best first by
   * the index's own score; with `typos`, words also match with a typo or two
   * (slower: the dictionary is walked for near spellings).
   */
  search(query: string, combineWith: 'all' | 'any', typos = false): IndexHit[] {
    const options: SearchOptions = { combineWith: combineWith === 'all' ? 'AND' : 'OR', ...(typos ? { fuzzy: TYPOS } : {}) };
    return this.mini.search(query, options).map((result) => ({
      id: result.id as number,
      slug: this.slugs[result.id as number]!,
      score: result.score,
      terms: result.terms,
    }));
  }
}
