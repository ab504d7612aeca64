/**
 * Several CompactIndexes searched as one, as if they were one index built
 * over the documents they still hold: how a reload's index is made from the
 * last one (article-index.ts `ArticleIndex.update`) without counting every
 * article again. Each segment maps its own document ids onto the whole's
 * (ascending, so merged postings stay in id order) and marks the documents
 * that are gone (replaced or removed) as -1.
 *
 * A search sees exactly what one index over the live documents would give:
 * a term's postings are the segments' runs, deleted documents dropped,
 * merged by id; field lengths are copied into one array by id, and the
 * averages recomputed from their totals (whole numbers, so exactly); the
 * document frequencies BM25 uses are counted from the merged runs as a
 * CompactIndex counts them from its own. A term left only in deleted
 * documents expands to an empty run, which scores nothing and matches
 * nothing. So scores, hits, their order and their terms are those of a fresh
 * build (test/search/incremental-index.test.ts).
 */
import { CompactIndex, fuzzyWeight, prefixWeight, Scorer, type CompactHit, type PostingSource, type QueryTerm } from './compact-index.js';
import { decodeRun } from './postings.js';

export interface Segment {
  index: CompactIndex;
  /** Each of the segment's documents' id in the whole, ascending, or -1 when the document is gone. */
  ids: Int32Array;
  /** Documents not gone. */
  live: number;
}

/** A term found in one segment's dictionary while expanding a query term. */
interface Found {
  term: string;
  segment: number;
  /** Its index in that segment's dictionary. */
  at: number;
  weight: number;
}

const byTerm = (a: Found, b: Found) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

export class SegmentedIndex implements PostingSource {
  readonly lengths: Uint32Array;
  readonly averages: readonly number[];
  private readonly scorer: Scorer;
  // The current search's expanded terms, by key: the term and its dictionary index in each segment (-1: not there).
  private readonly keys = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly refs: Int32Array[] = [];
  // One segment's run, decoded before its ids are mapped and merged.
  private readonly runDocs: Int32Array;
  private readonly runPacked: Uint16Array;

  /** `segments` must give every id in [0, documents) to exactly one live document. */
  constructor(
    readonly segments: readonly Segment[],
    readonly documents: number,
    boosts: readonly number[],
  ) {
    const fields = boosts.length;
    const lengths = new Uint32Array(documents * fields);
    const totals = boosts.map(() => 0);
    let covered = 0;
    for (const { index, ids } of segments) {
      for (let doc = 0; doc < ids.length; doc++) {
        const id = ids[doc]!;
        if (id < 0) continue;
        covered++;
        for (let f = 0; f < fields; f++) {
          const length = index.lengths[doc * fields + f]!;
          lengths[id * fields + f] = length;
          totals[f]! += length;
        }
      }
    }
    if (covered !== documents) throw new RangeError(`SegmentedIndex: ${covered} live documents for ${documents} ids`);
    this.lengths = lengths;
    this.averages = totals.map((total) => total / Math.max(1, documents));
    this.scorer = new Scorer(boosts);
    const longest = Math.max(0, ...segments.map((segment) => segment.index.documents));
    this.runDocs = new Int32Array(longest);
    this.runPacked = new Uint16Array(longest);
  }

  /** Bytes held: the segments (shared with the indexes made before and after this one) and the id maps and lengths. */
  get bytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.index.bytes + segment.ids.byteLength, this.lengths.byteLength);
  }

  search(query: readonly QueryTerm[], and: boolean): CompactHit[] {
    return this.scorer.search(this, query, and);
  }

  begin(): void {
    this.keys.clear();
    this.terms.length = 0;
    this.refs.length = 0;
  }

  expand(spec: QueryTerm, visit: (key: number, weight: number) => void): void {
    const { segments } = this;
    const exact = new Int32Array(segments.length);
    let anywhere = false;
    segments.forEach((segment, s) => {
      exact[s] = segment.index.dictionary.find(spec.term);
      anywhere ||= exact[s]! >= 0;
    });
    if (anywhere) visit(this.key(spec.term, exact), 1);
    if (spec.prefix) {
      const found: Found[] = [];
      segments.forEach(({ index: { dictionary } }, segment) => {
        const [from, to] = dictionary.prefixRange(spec.term);
        for (let at = from; at < to; at++) {
          if (at !== exact[segment]) found.push({ term: dictionary.term(at), segment, at, weight: prefixWeight(dictionary.termLength(at), spec.term.length) });
        }
      });
      this.visitMerged(found, visit);
    }
    if (spec.maxDistance > 0) {
      const found: Found[] = [];
      segments.forEach(({ index: { dictionary } }, segment) => {
        dictionary.fuzzy(spec.term, spec.maxDistance, (at, distance) => {
          const term = dictionary.term(at);
          if (distance > 0 && !(spec.prefix && term.startsWith(spec.term))) found.push({ term, segment, at, weight: fuzzyWeight(term.length, distance) });
        });
      });
      this.visitMerged(found, visit);
    }
  }

  /** Visits the terms found, each once, in dictionary order (each segment's finds are in that order already). */
  private visitMerged(found: Found[], visit: (key: number, weight: number) => void): void {
    const segmentsFound = new Set(found.map((find) => find.segment)).size;
    if (segmentsFound > 1) found.sort(byTerm);
    for (let k = 0; k < found.length; ) {
      const refs = new Int32Array(this.segments.length).fill(-1);
      const { term, weight } = found[k]!;
      for (; k < found.length && found[k]!.term === term; k++) refs[found[k]!.segment] = found[k]!.at;
      visit(this.key(term, refs), weight);
    }
  }

  private key(term: string, refs: Int32Array): number {
    let key = this.keys.get(term);
    if (key === undefined) {
      key = this.terms.length;
      this.keys.set(term, key);
      this.terms.push(term);
      this.refs.push(refs);
    }
    return key;
  }

  term(key: number): string {
    return this.terms[key]!;
  }

  decode(key: number, docs: Int32Array, packed: Uint16Array): number {
    const refs = this.refs[key]!;
    const { runDocs, runPacked } = this;
    let count = 0;
    for (let s = 0; s < refs.length; s++) {
      if (refs[s]! < 0) continue;
      const { index, ids } = this.segments[s]!;
      // The run's live documents, as ids of the whole (ascending, as the segment's own were).
      if (!count) {
        count = decodeRun(index.postings, refs[s]!, docs, packed, ids);
        continue;
      }
      const live = decodeRun(index.postings, refs[s]!, runDocs, runPacked, ids);
      // Merged into what the earlier segments gave, from the back.
      let i = count - 1;
      let j = live - 1;
      for (let w = count + live - 1; j >= 0; w--) {
        if (i >= 0 && docs[i]! > runDocs[j]!) {
          docs[w] = docs[i]!;
          packed[w] = packed[i--]!;
        } else {
          docs[w] = runDocs[j]!;
          packed[w] = runPacked[j--]!;
        }
      }
      count += live;
    }
    return count;
  }
}
