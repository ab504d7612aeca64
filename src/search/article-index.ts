/**
 * The full-text index of a snapshot's articles (MiniSearch): every article,
 * drafts and scheduled ones included, so the index is built once per content
 * version and a search filters hits to what the current view shows.
 * Fields are weighted title > tags, standfirst > places, authors > body.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import type { Article } from '../content/types.js';
import { indexTerm, words } from './text.js';

/** A match in the index: the article's slug in the indexed snapshot and what matched. */
export interface IndexHit {
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

const SEARCH_OPTIONS: SearchOptions = {
  tokenize: words,
  processTerm: indexTerm,
  boost: FIELD_BOOST,
  // Prefixes from three letters (`counc` finds `council`); one typo from five letters, two from ten.
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 5 && /\D/.test(term) ? 0.2 : false),
  maxFuzzy: 2,
};

function fieldText(article: Article, field: Field): string {
  switch (field) {
    case 'title':
      return article.title;
    case 'tags':
      return article.tags.map((tag) => tag.name).join(' ; ');
    // Without a standfirst the summary is the body's first paragraph: indexed once, as body.
    case 'summary':
      return article.hasStandfirst ? article.summary : '';
    case 'places':
      return article.places.join(' ; ');
    case 'authors':
      return article.authors.map((author) => author.name).join(' ; ');
    case 'text':
      return article.text;
  }
}

const MINISEARCH_OPTIONS: Options = { fields: [...FIELDS], tokenize: words, processTerm: indexTerm, searchOptions: SEARCH_OPTIONS };

/**
 * Collects postings (term → field → article → occurrences) in plain maps and
 * hands them to MiniSearch in its documented serialised form (`loadJS`):
 * one radix-tree insertion per distinct term instead of one per occurrence,
 * which makes a 10,000-article build several times faster than `addAll`.
 */
class PostingsBuilder {
  /** term → per field: flat [article, occurrences, article, occurrences, …]. */
  private readonly postings = new Map<string, number[][]>();
  private readonly fieldLength: Record<number, number[]> = {};
  private readonly totalLength: number[] = FIELDS.map(() => 0);
  private count = 0;

  add(article: Article): void {
    const id = this.count++;
    const lengths: number[] = [];
    FIELDS.forEach((field, fieldId) => {
      const counts = fieldTermCounts(fieldText(article, field));
      lengths.push(counts.size);
      this.totalLength[fieldId]! += counts.size;
      for (const [term, frequency] of counts) {
        let byField = this.postings.get(term);
        if (!byField) this.postings.set(term, (byField = []));
        (byField[fieldId] ??= []).push(id, frequency);
      }
    });
    this.fieldLength[id] = lengths;
  }

  toMiniSearch(): MiniSearch {
    const index: AsPlainObject['index'] = [];
    for (const [term, byField] of this.postings) {
      const data: Record<string, Record<string, number>> = {};
      byField.forEach((flat, fieldId) => {
        const entry: Record<string, number> = {};
        for (let i = 0; i < flat.length; i += 2) entry[flat[i]!] = flat[i + 1]!;
        data[fieldId] = entry;
      });
      index.push([term, data]);
    }
    const plain: AsPlainObject = {
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
    return MiniSearch.loadJS(plain, MINISEARCH_OPTIONS);
  }
}

export class ArticleIndex {
  private constructor(
    private readonly mini: MiniSearch,
    private readonly slugs: readonly string[],
  ) {}

  /** Builds the index in one go (blocks until done). */
  static build(articles: readonly Article[]): ArticleIndex {
    const builder = new PostingsBuilder();
    for (const article of articles) builder.add(article);
    return new ArticleIndex(builder.toMiniSearch(), articles.map((article) => article.slug));
  }

  /** Builds the index in chunks, yielding to the event loop between them, so requests keep being answered. */
  static async buildInBackground(articles: readonly Article[], chunkSize = 200): Promise<ArticleIndex> {
    const builder = new PostingsBuilder();
    for (let start = 0; start < articles.length; start += chunkSize) {
      await new Promise((resolve) => setImmediate(resolve));
      for (const article of articles.slice(start, start + chunkSize)) builder.add(article);
    }
    return new ArticleIndex(builder.toMiniSearch(), articles.map((article) => article.slug));
  }

  get size(): number {
    return this.slugs.length;
  }

  /** Articles matching every word (`all`) or any word of `query`, best first by the index's own score. */
  search(query: string, combineWith: 'all' | 'any'): IndexHit[] {
    return this.mini.search(query, { combineWith: combineWith === 'all' ? 'AND' : 'OR' }).map((result) => ({
      slug: this.slugs[result.id as number]!,
      score: result.score,
      terms: result.terms,
    }));
  }
}

/** The index terms of a field's text with how often each occurs, up to MAX_TERM_FREQUENCY. */
export function fieldTermCounts(text: string, cap = MAX_TERM_FREQUENCY): Map<string, number> {
  const seen = new Map<string, number>();
  for (const word of words(text)) seen.set(word, (seen.get(word) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const [word, count] of seen) {
    const term = indexTerm(word);
    if (term) counts.set(term, Math.min(cap, (counts.get(term) ?? 0) + count));
  }
  return counts;
}
