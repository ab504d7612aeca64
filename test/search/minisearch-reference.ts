/**
 * The article index as it was until the compact index replaced it: the same
 * counted postings loaded into MiniSearch 7 through its documented serialised
 * form (`loadJS`), searched with the options the site gave it. Kept only as
 * the reference the compact index is tested against (compact-index.test.ts).
 * Fields are counted by the index's own `countField` (the tokenizer has its
 * own tests): what is compared is what MiniSearch does with the postings.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch';
import type { Article } from '../../src/content/types.js';
import { countField, FIELD_BOOST, FIELDS, MAX_BODY_WORDS, MAX_TERM_FREQUENCY, type IndexHit } from '../../src/search/article-index.js';
import { TermCounter } from '../../src/search/term-counter.js';
import { indexTerm, words } from '../../src/search/text.js';

const TYPOS: SearchOptions['fuzzy'] = (term) => (term.length >= 5 && /\D/.test(term) ? 0.2 : false);

const SEARCH_OPTIONS: SearchOptions = {
  tokenize: words,
  processTerm: indexTerm,
  boost: FIELD_BOOST,
  prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  fuzzy: false,
  maxFuzzy: 2,
};

const MINISEARCH_OPTIONS: Options = { fields: [...FIELDS], tokenize: words, processTerm: indexTerm, searchOptions: SEARCH_OPTIONS };

export class MiniSearchReference {
  private constructor(
    private readonly mini: MiniSearch,
    readonly slugs: readonly string[],
  ) {}

  static build(articles: readonly Article[], maxBodyWords = MAX_BODY_WORDS): MiniSearchReference {
    const counter = new TermCounter();
    const postings: number[][][] = FIELDS.map(() => []);
    const fieldLength: Record<number, number[]> = {};
    const totalLength = FIELDS.map(() => 0);
    articles.forEach((article, id) => {
      fieldLength[id] = FIELDS.map((field, fieldId) => {
        countField(counter, article, field, maxBodyWords);
        const distinct = counter.drain(MAX_TERM_FREQUENCY, (termId, frequency) => (postings[fieldId]![termId] ??= []).push(id, frequency));
        totalLength[fieldId]! += distinct;
        return distinct;
      });
    });
    const index: AsPlainObject['index'] = counter.terms.map((term, termId) => {
      const data: Record<string, Record<string, number>> = {};
      postings.forEach((byTerm, fieldId) => {
        const flat = byTerm[termId];
        if (!flat) return;
        const entry: Record<string, number> = {};
        for (let k = 0; k < flat.length; k += 2) entry[flat[k]!] = flat[k + 1]!;
        data[fieldId] = entry;
      });
      return [term, data];
    });
    const count = articles.length;
    const plain: AsPlainObject = {
      documentCount: count,
      nextId: count,
      documentIds: Object.fromEntries(Array.from({ length: count }, (_, id) => [id, id])),
      fieldIds: Object.fromEntries(FIELDS.map((field, fieldId) => [field, fieldId])),
      fieldLength,
      averageFieldLength: totalLength.map((total) => total / Math.max(1, count)),
      storedFields: {},
      dirtCount: 0,
      index,
      serializationVersion: 2,
    };
    return new MiniSearchReference(MiniSearch.loadJS(plain, MINISEARCH_OPTIONS), articles.map((article) => article.slug));
  }

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
