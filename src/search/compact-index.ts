/**
 * A compact full-text index with MiniSearch 7's scoring, kept in typed
 * arrays: a sorted term dictionary (term-dictionary.ts), byte-packed
 * postings (postings.ts) and each document's field lengths. At 100,000
 * generated articles it holds 29 MB where MiniSearch held 765 MB (README,
 * "Search").
 *
 * Why not MiniSearch itself: it keeps a radix tree of Maps (term → field →
 * document → count), about 40 bytes per posting and more per term: at
 * 100,000 articles 765 MB of heap after collection, and the server's RSS
 * grew by 1.7 GB while it was built. Here a posting is mostly one byte. A search decodes the runs of the terms it matches, which
 * it had to visit in MiniSearch too.
 *
 * Scoring is MiniSearch 7's, formula for formula and in the same order of
 * additions (test/search/compact-index.test.ts compares the two on a
 * generated corpus): per query term, the exact term (weight 1), then, when
 * it is a prefix query, the longer terms it begins (weight
 * 0.375 × len / (len + 0.3 × extra letters)), then terms within
 * `maxDistance` edits that are not prefix matches (weight
 * 0.45 × len / (len + distance)); each scored per field with BM25+ (k 1.2,
 * b 0.7, d 0.5; document frequency per field over all documents) times the
 * field's boost; query terms combined by AND (documents matching every one)
 * or OR, their scores added; a document's score then multiplied by how many
 * distinct query terms it matched; results sorted by score, ties in the
 * order MiniSearch's result Map would hold them. Two things MiniSearch
 * leaves to its radix tree's insertion history are in dictionary order here:
 * the order of prefix and fuzzy expansions (so the order of `terms`, and of
 * two documents first met through different expansions with exactly equal
 * scores) — `terms` is a set to its users.
 */
import { decodeRun, fieldShift, PostingsBuilder, type PostingsLayout, type PostingsStore } from './postings.js';
import { TermCounter } from './term-counter.js';
import { TermDictionary } from './term-dictionary.js';

/** One word of a query, already turned into an index term. */
export interface QueryTerm {
  term: string;
  /** Also match the terms it begins. */
  prefix: boolean;
  /** Also match terms this many edits away (0: none). */
  maxDistance: number;
}

export interface CompactHit {
  id: number;
  score: number;
  /** Index terms that matched. */
  terms: string[];
}

// MiniSearch 7's defaults: BM25+ parameters and the weights of prefix and fuzzy matches.
const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** A term JavaScript puts first among an object's keys (an array index): MiniSearch's `terms` come from Object.keys. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
const isArrayIndex = (term: string) => ARRAY_INDEX.test(term) && Number(term) < 4294967295;

/**
 * Builds a CompactIndex document by document: each field's words are counted
 * into `counter`, then `endField` takes them; `endDocument` closes the document.
 */
export class CompactIndexBuilder {
  readonly counter = new TermCounter();
  private readonly postings = new PostingsBuilder();
  private lengths = new Uint32Array(1 << 12);
  private readonly totals: number[];
  private readonly visitors: ((termId: number, count: number) => void)[];

  constructor(
    private readonly boosts: readonly number[],
    private readonly maxTermFrequency: number,
  ) {
    if (maxTermFrequency > 3) throw new RangeError('CompactIndex: counts are kept in 2 bits');
    this.totals = boosts.map(() => 0);
    this.visitors = boosts.map((_, fieldId) => {
      const shift = fieldShift(fieldId, boosts.length);
      return (termId: number, count: number) => this.postings.add(termId, shift, count);
    });
  }

  /** Takes the words counted into `counter` as field `fieldId` of the current document (fields in order). */
  endField(fieldId: number): void {
    const distinct = this.counter.drain(this.maxTermFrequency, this.visitors[fieldId]!);
    const at = this.postings.documents * this.boosts.length + fieldId;
    if (at >= this.lengths.length) {
      const lengths = new Uint32Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.lengths[at] = distinct;
    this.totals[fieldId]! += distinct;
  }

  endDocument(): void {
    this.postings.endDocument();
  }

  /** The finished index, in one go. */
  finish(): CompactIndex {
    const layout = this.layout();
    layout.replay(0, this.postings.documents);
    return this.index(layout);
  }

  /** The finished index, its postings laid out `chunk` documents at a time with `pause()` between steps. */
  async finishInSteps(chunk: number, pause: () => Promise<unknown>): Promise<CompactIndex> {
    await pause();
    const layout = this.layout();
    for (let first = 0; first < this.postings.documents; first += chunk) {
      await pause();
      layout.replay(first, Math.min(this.postings.documents, first + chunk));
    }
    await pause();
    return this.index(layout);
  }

  private sortedTerms: number[] = [];

  /** Terms sorted, runs laid out in that order. */
  private layout(): PostingsLayout {
    const { terms } = this.counter;
    this.sortedTerms = Array.from(terms, (_, id) => id).sort((a, b) => (terms[a]! < terms[b]! ? -1 : 1));
    return this.postings.layout(this.sortedTerms);
  }

  private index(layout: PostingsLayout): CompactIndex {
    const documents = this.postings.documents;
    const { terms } = this.counter;
    const dictionary = TermDictionary.fromSorted(this.sortedTerms.map((id) => terms[id]!));
    const lengths = this.lengths.slice(0, documents * this.boosts.length);
    const averages = this.totals.map((total) => total / Math.max(1, documents));
    return new CompactIndex(dictionary, layout.done(), lengths, averages, this.boosts, documents);
  }
}

/**
 * What a search reads: the documents' field lengths and averages, and each
 * query term's expansions with their postings. A CompactIndex is one; a
 * SegmentedIndex (segmented-index.ts) presents several CompactIndexes, some
 * documents deleted, as one.
 */
export interface PostingSource {
  /** Documents searched (BM25's N): ids 0 … documents − 1. */
  readonly documents: number;
  /** Distinct terms per document and field: `lengths[doc × fields + field]`. */
  readonly lengths: Uint32Array;
  readonly averages: readonly number[];
  /** Called before each search (keys are only valid within one search). */
  begin(): void;
  /**
   * Visits the terms `spec` expands to, in the order MiniSearch scored them:
   * the term itself (weight 1), then the longer terms it begins when it is a
   * prefix query, then the near spellings that are not, each in dictionary
   * order, as a key (the same key for the same term throughout a search).
   */
  expand(spec: QueryTerm, visit: (key: number, weight: number) => void): void;
  /** Term `key`'s postings, ascending by document, into `docs` and `packed`; returns how many. */
  decode(key: number, docs: Int32Array, packed: Uint16Array): number;
  term(key: number): string;
}

/** A longer term that `prefixLength` letters begin, as MiniSearch weighed it. */
export function prefixWeight(length: number, prefixLength: number): number {
  return (PREFIX_WEIGHT * length) / (length + 0.3 * (length - prefixLength));
}

/** A term `distance` edits away, as MiniSearch weighed it. */
export function fuzzyWeight(length: number, distance: number): number {
  return (FUZZY_WEIGHT * length) / (length + distance);
}

/** Per-search working memory, one slot per document, reused (searches are synchronous). Stamps avoid clearing. */
interface Scratch {
  docs: Int32Array;
  packed: Uint16Array;
  /** One query term's score and first-seen order. */
  termScore: Float64Array;
  termStamp: Int32Array;
  termOrder: Int32Array;
  /** The combined score, how many query terms matched (AND), how many distinct ones (quality), and the hit's slot. */
  score: Float64Array;
  stamp: Int32Array;
  matched: Int32Array;
  quality: Int32Array;
  slot: Int32Array;
  order: Int32Array;
  clock: number;
}

/** Scores queries over a PostingSource, as MiniSearch 7 did; holds the per-search working memory. */
export class Scorer {
  private scratch: Scratch | undefined;
  private readonly shifts: number[];

  constructor(private readonly boosts: readonly number[]) {
    this.shifts = boosts.map((_, fieldId) => fieldShift(fieldId, boosts.length));
  }

  /** Documents matching all (`and`) or any of `query`'s terms, best first, as MiniSearch 7 scores them. */
  search(source: PostingSource, query: readonly QueryTerm[], and: boolean): CompactHit[] {
    if (!query.length || !source.documents) return [];
    source.begin();
    const s = this.workspace(source.documents);
    const clock = tick(s);
    // Query terms combine in order; a term repeated counts once towards quality, through its last (widest) occurrence.
    let combined = 0;
    let lastCount = 0;
    const expansions: number[] = [];
    for (let q = 0; q < query.length; q++) {
      const spec = query[q]!;
      const count = this.scoreTerm(source, spec, s, expansions);
      const countsQuality = !query.some((other, later) => later > q && other.term === spec.term);
      const { termOrder, termScore, stamp, score, matched, quality, order } = s;
      if (!and) {
        for (let k = 0; k < count; k++) {
          const doc = termOrder[k]!;
          if (stamp[doc] !== clock) {
            stamp[doc] = clock;
            score[doc] = termScore[doc]!;
            quality[doc] = 0;
            order[combined++] = doc;
          } else score[doc] = score[doc]! + termScore[doc]!;
          if (countsQuality) quality[doc]!++;
        }
        continue;
      }
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const doc = termOrder[k]!;
        if (q === 0) {
          stamp[doc] = clock;
          score[doc] = termScore[doc]!;
          matched[doc] = 1;
          quality[doc] = 0;
        } else if (stamp[doc] === clock && matched[doc] === q) {
          score[doc] = score[doc]! + termScore[doc]!;
          matched[doc] = q + 1;
        } else continue;
        if (countsQuality) quality[doc]!++;
        kept++;
      }
      lastCount = count;
      if (!kept) return [];
    }
    // AND: MiniSearch's combined Map is in the last query term's order.
    if (and) {
      const need = query.length;
      for (let k = 0; k < lastCount; k++) {
        const doc = s.termOrder[k]!;
        if (s.stamp[doc] === clock && s.matched[doc] === need) s.order[combined++] = doc;
      }
    }
    const hits: CompactHit[] = new Array(combined);
    for (let k = 0; k < combined; k++) {
      const doc = s.order[k]!;
      s.slot[doc] = k + 1;
      hits[k] = { id: doc, score: s.score[doc]! * s.quality[doc]!, terms: [] };
    }
    this.collectTerms(source, expansions, hits, s);
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * Scores one query term into `s.termScore` (documents in `s.termOrder`, in
   * the order MiniSearch's result Map would hold them); returns how many
   * documents matched. The keys of the terms it expanded to are appended to
   * `expansions` (first occurrences only).
   */
  private scoreTerm(source: PostingSource, spec: QueryTerm, s: Scratch, expansions: number[]): number {
    const clock = tick(s);
    let count = 0;
    source.expand(spec, (key, weight) => {
      if (!expansions.includes(key)) expansions.push(key);
      count = this.scoreExpansion(source, key, weight, s, clock, count);
    });
    return count;
  }

  /** Adds one term's BM25+ scores, field by field, to the query term's; returns the new count of documents. */
  private scoreExpansion(source: PostingSource, key: number, weight: number, s: Scratch, clock: number, count: number): number {
    const { docs, packed, termScore, termStamp, termOrder } = s;
    const run = source.decode(key, docs, packed);
    const { lengths, averages, documents: N } = source;
    const fields = this.boosts.length;
    for (let f = 0; f < fields; f++) {
      const shift = this.shifts[f]!;
      let matching = 0;
      for (let k = 0; k < run; k++) if ((packed[k]! >>> shift) & 3) matching++;
      if (!matching) continue;
      // As MiniSearch computes them (same operations, same order), so the scores are equal to the last bit.
      const invDocFreq = Math.log(1 + (N - matching + 0.5) / (matching + 0.5));
      const fieldWeight = weight * this.boosts[f]!;
      const avgFieldLength = averages[f]!;
      for (let k = 0; k < run; k++) {
        const termFreq = (packed[k]! >>> shift) & 3;
        if (!termFreq) continue;
        const doc = docs[k]!;
        const fieldLength = lengths[doc * fields + f]!;
        const rawScore = invDocFreq * (D + (termFreq * (K + 1)) / (termFreq + K * (1 - B + (B * fieldLength) / avgFieldLength)));
        const weighted = fieldWeight * rawScore;
        if (termStamp[doc] === clock) termScore[doc] = termScore[doc]! + weighted;
        else {
          termStamp[doc] = clock;
          termScore[doc] = weighted;
          termOrder[count++] = doc;
        }
      }
    }
    return count;
  }

  /**
   * Each hit's matched terms: the expansions in the order first met, those
   * that are array indexes (`2024`) first in numeric order, as Object.keys
   * lists MiniSearch's `match`.
   */
  private collectTerms(source: PostingSource, expansions: readonly number[], hits: CompactHit[], s: Scratch): void {
    const { docs, packed, slot } = s;
    let numeric = false;
    for (const key of expansions) {
      const term = source.term(key);
      numeric ||= isArrayIndex(term);
      const run = source.decode(key, docs, packed);
      for (let k = 0; k < run; k++) {
        const doc = docs[k]!;
        if (slot[doc]) hits[slot[doc]! - 1]!.terms.push(term);
      }
    }
    for (const hit of hits) slot[hit.id] = 0;
    if (!numeric) return;
    for (const hit of hits) {
      const indexes = hit.terms.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
      if (indexes.length) hit.terms = [...indexes, ...hit.terms.filter((term) => !isArrayIndex(term))];
    }
  }

  private workspace(n: number): Scratch {
    // Stamps are compared for equality with the clock: before it wraps, every slot starts afresh.
    if (this.scratch && (this.scratch.clock > 0x3fffffff || this.scratch.docs.length !== n)) this.scratch = undefined;
    if (!this.scratch) {
      this.scratch = {
        docs: new Int32Array(n),
        packed: new Uint16Array(n),
        termScore: new Float64Array(n),
        termStamp: new Int32Array(n),
        termOrder: new Int32Array(n),
        score: new Float64Array(n),
        stamp: new Int32Array(n),
        matched: new Int32Array(n),
        quality: new Int32Array(n),
        slot: new Int32Array(n),
        order: new Int32Array(n),
        clock: 0,
      };
    }
    return this.scratch;
  }
}

/** One index segment: sorted dictionary, postings, field lengths; searchable on its own. */
export class CompactIndex implements PostingSource {
  private scorer: Scorer | undefined;

  constructor(
    readonly dictionary: TermDictionary,
    readonly postings: PostingsStore,
    /** Distinct terms per document and field: `lengths[doc × fields + field]`. */
    readonly lengths: Uint32Array,
    readonly averages: readonly number[],
    readonly boosts: readonly number[],
    readonly documents: number,
  ) {}

  /** Bytes held in typed arrays and the dictionary's text (an estimate of the index's memory). */
  get bytes(): number {
    return this.postings.bytes.byteLength + this.postings.starts.byteLength + this.lengths.byteLength + this.dictionary.bytes;
  }

  /** Documents matching all (`and`) or any of `query`'s terms, best first, as MiniSearch 7 scores them. */
  search(query: readonly QueryTerm[], and: boolean): CompactHit[] {
    this.scorer ??= new Scorer(this.boosts);
    return this.scorer.search(this, query, and);
  }

  /** Drops the search working memory (one slot per document; it is made again on the next search). */
  release(): void {
    this.scorer = undefined;
  }

  begin(): void {}

  expand(spec: QueryTerm, visit: (key: number, weight: number) => void): void {
    const { dictionary } = this;
    const exact = dictionary.find(spec.term);
    if (exact >= 0) visit(exact, 1);
    let from = 0;
    let to = 0;
    if (spec.prefix) {
      [from, to] = dictionary.prefixRange(spec.term);
      for (let i = from; i < to; i++) if (i !== exact) visit(i, prefixWeight(dictionary.termLength(i), spec.term.length));
    }
    if (spec.maxDistance > 0) {
      const fuzzy: [number, number][] = [];
      dictionary.fuzzy(spec.term, spec.maxDistance, (i, distance) => {
        if (distance > 0 && !(i >= from && i < to)) fuzzy.push([i, distance]);
      });
      for (const [i, distance] of fuzzy) visit(i, fuzzyWeight(dictionary.termLength(i), distance));
    }
  }

  decode(key: number, docs: Int32Array, packed: Uint16Array): number {
    return decodeRun(this.postings, key, docs, packed);
  }

  term(key: number): string {
    return this.dictionary.term(key);
  }
}

/** A new stamp value: slots stamped earlier read as unset. */
function tick(s: Scratch): number {
  return ++s.clock;
}
