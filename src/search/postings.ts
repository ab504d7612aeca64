/**
 * The article index's postings, packed into bytes: for each term (in
 * dictionary order), one contiguous run of its articles in ascending id
 * order, each as
 *
 *   varint(gap × 4 + bodyCount)                     when the term is only in the body
 *   varint(gap × 4), varint(packed counts)           otherwise
 *
 * where `gap` is the id's distance from the previous article in the run (the
 * first from -1), and the packed counts hold each field's occurrences (capped
 * at 3, so 2 bits a field: the body in bits 0–1, the other fields above it).
 * Most postings are body-only with a small gap: one byte each. A term's
 * document frequency per field is not stored; it is counted from the run,
 * which a search decodes anyway.
 *
 * The build cannot write runs as it goes (a term's run grows with every
 * article, and the dictionary order is known only at the end), so it logs
 * each article's postings as (term id, packed counts) varints, counting each
 * run's final size on the way; at the end the runs are laid out by size and
 * the log is replayed into them. The log (about 3 bytes a posting) is dropped
 * when the index is done.
 */

export const FIELD_BITS = 2;
/** The largest count a field's 2 bits hold. */
export const MAX_PACKED_COUNT = 3;

/** Bit offset of field `fieldId` in the packed counts, for `fieldCount` fields of which the last (the body) is at 0. */
export function fieldShift(fieldId: number, fieldCount: number): number {
  return fieldId === fieldCount - 1 ? 0 : (fieldId + 1) * FIELD_BITS;
}

export interface PostingsStore {
  /** Byte offset of each term's run in `bytes` (by dictionary index), and one past the last. */
  starts: Uint32Array;
  bytes: Uint8Array;
}

/**
 * Decodes term `i`'s run into `docs` and `packed` (each at least as long as
 * the run); returns its length. With `ids`, each document is written as
 * `ids[doc]`, and left out where that is -1 (a segment's documents mapped
 * onto a larger index, deleted ones dropped: segmented-index.ts).
 */
export function decodeRun(store: PostingsStore, i: number, docs: Int32Array, packed: Uint16Array, ids?: Int32Array): number {
  const { bytes } = store;
  const end = store.starts[i + 1]!;
  let at = store.starts[i]!;
  let doc = -1;
  let count = 0;
  while (at < end) {
    let byte = bytes[at++]!;
    let value = byte & 127;
    for (let shift = 7; byte & 128; shift += 7) {
      byte = bytes[at++]!;
      value += (byte & 127) * 2 ** shift;
    }
    doc += Math.floor(value / 4);
    let counts = value & 3;
    if (counts === 0) {
      byte = bytes[at++]!;
      counts = byte & 127;
      for (let shift = 7; byte & 128; shift += 7) {
        byte = bytes[at++]!;
        counts |= (byte & 127) << shift;
      }
    }
    if (ids === undefined) {
      docs[count] = doc;
      packed[count++] = counts;
    } else if (ids[doc]! >= 0) {
      docs[count] = ids[doc]!;
      packed[count++] = counts;
    }
  }
  return count;
}

/** Bytes of a varint. */
function varintSize(value: number): number {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

export interface PostingsLayout {
  /** Writes the postings of articles [first, last) into their runs (ranges in order, from 0). */
  replay(first: number, last: number): void;
  done(): PostingsStore;
}

/** Collects postings article by article; `finish` lays them out by dictionary order. */
export class PostingsBuilder {
  /** Per term id: the last article it was seen in, and its run's size in bytes so far. */
  private lastDoc = new Int32Array(1 << 12).fill(-1);
  private runBytes = new Float64Array(1 << 12);
  /** The current article's packed counts per term id, and the term ids it touched. */
  private packed = new Uint16Array(1 << 12);
  private readonly touched: number[] = [];
  /** The log: (term id, packed counts) varints, article after article; where each article's entries end. */
  private log = new Uint8Array(1 << 16);
  private logEnd = 0;
  private docEnds = new Float64Array(1 << 10);
  private docCount = 0;

  get documents(): number {
    return this.docCount;
  }

  /** Adds `count` occurrences (already capped at MAX_PACKED_COUNT) of term `termId` at bit offset `shift` to the current article. */
  add(termId: number, shift: number, count: number): void {
    if (termId >= this.packed.length) this.growTerms(termId + 1);
    const before = this.packed[termId]!;
    if (before === 0) this.touched.push(termId);
    this.packed[termId] = before | (count << shift);
  }

  /** Ends the current article: its postings go to the log. */
  endDocument(): void {
    const doc = this.docCount++;
    const { touched, packed, lastDoc, runBytes } = this;
    for (let k = 0; k < touched.length; k++) {
      const termId = touched[k]!;
      const counts = packed[termId]!;
      packed[termId] = 0;
      const gap = doc - lastDoc[termId]!;
      lastDoc[termId] = doc;
      runBytes[termId]! += counts <= MAX_PACKED_COUNT ? varintSize(gap * 4 + counts) : varintSize(gap * 4) + varintSize(counts);
      this.writeLog(termId);
      this.writeLog(counts);
    }
    touched.length = 0;
    if (doc >= this.docEnds.length) this.docEnds = grown(this.docEnds, doc + 1);
    this.docEnds[doc] = this.logEnd;
  }

  /**
   * Lays the runs out for terms in dictionary order (`order[i]` is the term
   * id at dictionary index i); the log is then replayed into them by
   * `replay`, a range of articles at a time, all of them in order, and the
   * postings are `done()`.
   */
  layout(order: ArrayLike<number>): PostingsLayout {
    const terms = order.length;
    const starts = new Uint32Array(terms + 1);
    const cursor = new Float64Array(this.lastDoc.length);
    let at = 0;
    for (let i = 0; i < terms; i++) {
      const termId = order[i]!;
      starts[i] = at;
      cursor[termId] = at;
      at += this.runBytes[termId]!;
    }
    if (at > 0xffffffff) throw new RangeError('Search index: postings over 4 GB');
    starts[terms] = at;
    const bytes = new Uint8Array(at);
    const lastDoc = this.lastDoc.fill(-1);
    const { log, docEnds } = this;
    let read = 0;
    const replay = (first: number, last: number) => {
      for (let doc = first; doc < last; doc++) {
        const end = docEnds[doc]!;
        while (read < end) {
          let byte = log[read++]!;
          let termId = byte & 127;
          for (let shift = 7; byte & 128; shift += 7) {
            byte = log[read++]!;
            termId += (byte & 127) * 2 ** shift;
          }
          byte = log[read++]!;
          let counts = byte & 127;
          for (let shift = 7; byte & 128; shift += 7) {
            byte = log[read++]!;
            counts |= (byte & 127) << shift;
          }
          const gap = doc - lastDoc[termId]!;
          lastDoc[termId] = doc;
          let write = cursor[termId]!;
          if (counts <= MAX_PACKED_COUNT) write = writeVarint(bytes, write, gap * 4 + counts);
          else write = writeVarint(bytes, writeVarint(bytes, write, gap * 4), counts);
          cursor[termId] = write;
        }
      }
    };
    return {
      replay,
      done: () => {
        this.log = new Uint8Array(0);
        return { starts, bytes };
      },
    };
  }

  private writeLog(value: number): void {
    if (this.logEnd + 5 > this.log.length) this.log = grown(this.log, this.logEnd + 5);
    this.logEnd = writeVarint(this.log, this.logEnd, value);
  }

  private growTerms(size: number): void {
    this.packed = grown(this.packed, size);
    this.runBytes = grown(this.runBytes, size);
    const lastDoc = grown(this.lastDoc, size);
    lastDoc.fill(-1, this.lastDoc.length);
    this.lastDoc = lastDoc;
  }
}

/** Writes `value` (a non-negative integer) as a varint at `at`; returns the offset after it. */
function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    bytes[at++] = (value & 127) | 128;
    value = Math.floor(value / 128);
  }
  bytes[at++] = value;
  return at;
}

/** A copy of `array` at least `size` long (doubling). */
function grown<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T, size: number): T {
  let length = Math.max(1, array.length * 2);
  while (length < size) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}
