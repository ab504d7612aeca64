/**
 * The article index's terms, sorted (by UTF-16 code unit, as `Array#sort`
 * orders strings) and kept as ONE string with an offset table: a term is
 * `text.slice(starts[i], starts[i + 1])`. At 100,000 articles that is a few
 * megabytes, against tens of bytes of object header per term for an array of
 * strings and several Maps per node for MiniSearch's radix tree.
 *
 * Lookups compare character codes in place (no string is made): a term by
 * binary search, the terms beginning with a prefix as one contiguous range,
 * and the terms within a few edits of a word by walking the sorted list as if
 * it were a trie: Levenshtein rows are kept for the prefix a term shares with
 * the one before it, and a prefix whose row is already past the allowed
 * distance skips, by binary search, every term that begins with it.
 */
export class TermDictionary {
  private constructor(
    private readonly text: string,
    /** Where each term starts in `text`, and one past the last term's end. */
    private readonly starts: Uint32Array,
  ) {}

  /** The dictionary of `terms`, which must be sorted and distinct. */
  static fromSorted(terms: readonly string[]): TermDictionary {
    const starts = new Uint32Array(terms.length + 1);
    let at = 0;
    for (let i = 0; i < terms.length; i++) {
      starts[i] = at;
      at += terms[i]!.length;
    }
    starts[terms.length] = at;
    // join() makes a flat string; charCodeAt on it is a plain array read.
    return new TermDictionary(terms.join(''), starts);
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** Memory held: the text (2 bytes a character at most) and the offsets. */
  get bytes(): number {
    return this.text.length * 2 + this.starts.byteLength;
  }

  term(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]!);
  }

  termLength(i: number): number {
    return this.starts[i + 1]! - this.starts[i]!;
  }

  /** The index of `word`, or -1. */
  find(word: string): number {
    const i = this.lowerBound(word);
    return i < this.size && this.compare(i, word) === 0 ? i : -1;
  }

  /** The terms beginning with `prefix`: indexes [from, to). */
  prefixRange(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    let lo = from;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startsWith(mid, prefix)) lo = mid + 1;
      else hi = mid;
    }
    return [from, lo];
  }

  /**
   * Visits, in dictionary order, every term within `maxDistance` edits
   * (Levenshtein: insertions, deletions, substitutions of UTF-16 code units,
   * as MiniSearch's fuzzy search counts them) of `word`, with its distance.
   */
  fuzzy(word: string, maxDistance: number, visit: (i: number, distance: number) => void): void {
    const { text, starts } = this;
    const n = word.length + 1;
    // A term longer than this is too far (rows past it are all over the limit).
    const maxRows = word.length + maxDistance;
    const rows = new Int32Array((maxRows + 1) * n);
    for (let j = 0; j < n; j++) rows[j] = j;
    const codes = Int32Array.from(word, (_, j) => word.charCodeAt(j));
    // Rows 1..valid hold the distances for text[pathStart, pathStart + valid).
    let pathStart = 0;
    let valid = 0;
    const count = this.size;
    for (let i = 0; i < count; ) {
      const start = starts[i]!;
      const length = starts[i + 1]! - start;
      let depth = 0;
      const shared = Math.min(length, valid);
      while (depth < shared && text.charCodeAt(start + depth) === text.charCodeAt(pathStart + depth)) depth++;
      pathStart = start;
      let pruned = 0;
      while (depth < length) {
        const c = text.charCodeAt(start + depth);
        depth++;
        if (depth > maxRows) {
          pruned = depth;
          break;
        }
        const at = depth * n;
        const prev = at - n;
        let min = depth;
        rows[at] = depth;
        for (let j = 1; j < n; j++) {
          let best = rows[prev + j - 1]! + (codes[j - 1] === c ? 0 : 1);
          const del = rows[prev + j]! + 1;
          const ins = rows[at + j - 1]! + 1;
          if (del < best) best = del;
          if (ins < best) best = ins;
          rows[at + j] = best;
          if (best < min) min = best;
        }
        if (min > maxDistance) {
          pruned = depth;
          break;
        }
      }
      if (pruned) {
        // No term beginning with text[start, start + pruned) can come within the distance.
        valid = pruned - 1;
        i = this.pastPrefix(i, start, pruned);
        continue;
      }
      valid = length;
      const distance = rows[length * n + n - 1]!;
      if (distance <= maxDistance) visit(i, distance);
      i++;
    }
  }

  /** The first index after `i` whose term does not begin with text[start, start + length) (term i does). */
  private pastPrefix(i: number, start: number, length: number): number {
    const { text, starts } = this;
    let lo = i + 1;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = starts[mid]!;
      let same = starts[mid + 1]! - at >= length;
      for (let k = 0; same && k < length; k++) same = text.charCodeAt(at + k) === text.charCodeAt(start + k);
      if (same) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first index whose term is not less than `word`. */
  private lowerBound(word: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, word) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Term i against `word`, by code unit: negative, 0 or positive. */
  private compare(i: number, word: string): number {
    const { text } = this;
    const start = this.starts[i]!;
    const length = this.starts[i + 1]! - start;
    const shorter = Math.min(length, word.length);
    for (let k = 0; k < shorter; k++) {
      const diff = text.charCodeAt(start + k) - word.charCodeAt(k);
      if (diff) return diff;
    }
    return length - word.length;
  }

  private startsWith(i: number, prefix: string): boolean {
    const start = this.starts[i]!;
    if (this.starts[i + 1]! - start < prefix.length) return false;
    for (let k = 0; k < prefix.length; k++) if (this.text.charCodeAt(start + k) !== prefix.charCodeAt(k)) return false;
    return true;
  }
}
