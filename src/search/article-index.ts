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
 */
import type { Article } from '../content/types.js';
import { CompactIndex, CompactIndexBuilder, type QueryTerm } from './compact-index.js';
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

export class ArticleIndex {
  private constructor(
    private readonly index: CompactIndex,
    /** The indexed articles' slugs, by id. */
    readonly slugs: readonly string[],
  ) {}

  /** Builds the index in one go (blocks until done). */
  static build(articles: readonly Article[], options: BuildOptions = {}): ArticleIndex {
    const builder = new CompactIndexBuilder(FIELD_BOOSTS, MAX_TERM_FREQUENCY);
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    for (const article of articles) addArticle(builder, article, maxBodyWords);
    return new ArticleIndex(builder.finish(), articles.map((article) => article.slug));
  }

  /**
   * Builds the index in chunks, yielding to the event loop between them, so
   * requests keep being answered: articles 200 (`chunkSize`) at a time, then
   * the postings laid out 2,000 articles at a time.
   */
  static async buildInBackground(articles: readonly Article[], options: BuildOptions = {}, chunkSize = ARTICLES_PER_CHUNK): Promise<ArticleIndex> {
    const builder = new CompactIndexBuilder(FIELD_BOOSTS, MAX_TERM_FREQUENCY);
    const maxBodyWords = options.maxBodyWords ?? MAX_BODY_WORDS;
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    for (let start = 0; start < articles.length; start += chunkSize) {
      await pause();
      const end = Math.min(articles.length, start + chunkSize);
      for (let i = start; i < end; i++) addArticle(builder, articles[i]!, maxBodyWords);
    }
    const index = await builder.finishInSteps(chunkSize * LAYOUT_CHUNKS_PER_CHUNK, pause);
    return new ArticleIndex(index, articles.map((article) => article.slug));
  }

  get size(): number {
    return this.slugs.length;
  }

  /** Memory the index holds in typed arrays and its dictionary, in bytes (an estimate; the slugs are the snapshot's). */
  get bytes(): number {
    return this.index.bytes;
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

function addArticle(builder: CompactIndexBuilder, article: Article, maxBodyWords: number): void {
  FIELDS.forEach((field, fieldId) => {
    countField(builder.counter, article, field, maxBodyWords);
    builder.endField(fieldId);
  });
  builder.endDocument();
}
