/**
 * The index build's tokenizer: counts the index terms of a text in one pass
 * over its character codes, without making a string per word. Words are looked
 * up in an open-addressing table by a hash computed while scanning; a word's
 * string, fold and stem are made once, the first time it is seen anywhere.
 *
 * It finds exactly the words `words()` (text.ts) finds, and for an article
 * body it reads the Markdown source directly, finding the words
 * `words(markdownToText(body))` finds: link URLs skipped, `**`, `__`, `~~` and
 * backticks removed (they can join a word), list numbers dropped, entities
 * read as separators. Bodies with the rarer constructs (raw HTML, images,
 * fenced code, reference links, a capital sigma) make `addMarkdown` return false, and the
 * caller counts their plain text instead. The test suite checks both
 * equivalences on the fixtures and on generated Markdown.
 */
import { foldUnit, indexTerm, words } from './text.js';

/** Capital sigma lower-cases by context (final ς), which a per-character fold cannot follow. */
const CONTEXT_CASED = /\u03a3/;
const ENTITY_NAMES = ['nbsp;', 'amp;', 'lt;', 'gt;', 'quot;', '#39;', 'apos;'];

export class TermCounter {
  /** Every index term seen, by id. */
  readonly terms: string[] = [];
  private readonly termIds = new Map<string, number>();

  /**
   * The word table, open addressing, four numbers a slot: the word's hash,
   * its id + 1 (0: empty slot), where its characters start in `pool`, its length.
   */
  private table = new Int32Array(4 << 14);
  private mask = (1 << 14) - 1;
  private pool = new Uint16Array(1 << 16);
  private poolEnd = 0;
  private wordCount = 0;
  /** Word id → term id, or -1 for a stop word. */
  private wordTerms = new Int32Array(1 << 13);

  // The terms counted since the last `drain`.
  private counts = new Int32Array(1 << 12);
  private readonly touched: number[] = [];

  /** Counts the words of plain text (the first `maxWords` of them). */
  addText(text: string, maxWords = Infinity): void {
    if (CONTEXT_CASED.test(text)) {
      for (const word of words(text).slice(0, maxWords)) this.count(this.idOfString(word));
      return;
    }
    this.scan(text, false, maxWords);
  }

  /**
   * Counts the words of a Markdown body (the first `maxWords` of them) as its
   * plain text has them; false for Markdown it leaves to the caller, with
   * nothing counted (what was counted since the last `drain` is dropped: call
   * it first in a field).
   */
  addMarkdown(markdown: string, maxWords = Infinity): boolean {
    if (this.scan(markdown, true, maxWords)) return true;
    this.drain(0, () => {});
    return false;
  }

  /**
   * Visits each term counted since the last call with its count (at most
   * `cap`), in first-seen order, and starts counting afresh. Returns how many
   * distinct terms there were.
   */
  drain(cap: number, visit: (termId: number, count: number) => void): number {
    const { counts, touched } = this;
    for (let k = 0; k < touched.length; k++) {
      const termId = touched[k]!;
      const count = counts[termId]!;
      visit(termId, count < cap ? count : cap);
      counts[termId] = 0;
    }
    const distinct = touched.length;
    touched.length = 0;
    return distinct;
  }

  /**
   * One pass over `text`, stopping after `maxWords` words. A word is a run of
   * letters and digits; markup the plain text removes (and combining marks)
   * joins the letters either side of it, in which case the word is built as a
   * string rather than sliced. Returns false, part-way, on Markdown it leaves
   * to markdownToText: raw HTML (`<`), images (`![`), fenced code, reference
   * links and definitions (`][`, `]:`), and a capital sigma.
   */
  private scan(text: string, markdown: boolean, maxWords: number): boolean {
    const end = text.length;
    // A matched link `[text](url)`: its `]` and where the link ends.
    let linkClose = -1;
    let linkEnd = -1;
    // Just after the last link markup the plain text removes (an opening `[`, a `](url)`).
    let markupEnd = -1;
    // The word in progress: where it starts (-1: none), its hash, and its text when built.
    let start = -1;
    let hash = 0;
    let built: string | null = null;
    let left = maxWords;
    for (let i = 0; i < end; ) {
      let c = text.charCodeAt(i);
      if (isWordCode(c)) {
        if (start < 0) {
          if (markdown && c <= 57) {
            const after = listNumberEnd(text, i, markupEnd);
            if (after < 0) return false;
            if (after > 0) {
              i = after;
              continue;
            }
          }
          start = i;
          hash = 0;
        }
        // `| 32` lower-cases an ASCII letter and leaves a digit as it is.
        if (built === null) {
          do {
            hash = (Math.imul(hash, 31) + (c | 32)) | 0;
            c = text.charCodeAt(++i);
          } while (isWordCode(c));
        } else {
          do {
            built += String.fromCharCode(c | 32);
            c = text.charCodeAt(++i);
          } while (isWordCode(c));
        }
        continue;
      }
      if (c === 32) {
        // The commonest separator, first.
        if (start >= 0) {
          this.count(built === null ? this.idOfSlice(text, start, i, hash) : this.idOfString(built));
          start = -1;
          built = null;
          if (--left === 0) return true;
        }
        i++;
        continue;
      }
      // Not a letter or digit: the word ends here, unless this is something the plain text removes.
      let joins = false;
      let next = i + 1;
      let folded: string | undefined;
      if (c >= 128) {
        if (markdown && c === 0x3a3) return false;
        folded = foldUnit(c);
        joins = folded !== ' ';
      } else if (markdown) {
        if (c === 60 || (c === 33 && text.charCodeAt(i + 1) === 91)) return false;
        if (c === 96 && text.charCodeAt(i + 1) === 96 && text.charCodeAt(i + 2) === 96) return false;
        if (c === 93 && (text.charCodeAt(i + 1) === 91 || text.charCodeAt(i + 1) === 58)) return false;
        if (i === linkClose) {
          joins = true;
          next = markupEnd = linkEnd;
          linkClose = -1;
        } else if ((c === 42 || c === 95 || c === 126) && text.charCodeAt(i + 1) === c) {
          joins = true;
          next = i + 2;
        } else if (c === 96) joins = true;
        else if (c === 91) {
          const link = linkAt(text, i);
          if (link) {
            joins = true;
            markupEnd = i + 1;
            linkClose = link[0];
            linkEnd = link[1];
          }
        } else if (c === 38) next = entityEnd(text, i);
      }
      if (joins) {
        if (start >= 0 && built === null) built = text.slice(start, i).toLowerCase();
        // A folded letter (`é` → `e`) continues or starts a word; a combining mark ('') just joins.
        for (let k = 0; folded !== undefined && k < folded.length; k++) {
          if (folded[k] === ' ') {
            if (start >= 0) {
              this.count(built === null ? this.idOfSlice(text, start, i, hash) : this.idOfString(built));
              if (--left === 0) return true;
            }
            start = -1;
            built = null;
          } else {
            if (start < 0) {
              start = i;
              built = '';
            }
            built += folded[k]!;
          }
        }
      } else if (start >= 0) {
        this.count(built === null ? this.idOfSlice(text, start, i, hash) : this.idOfString(built));
        start = -1;
        built = null;
        if (--left === 0) return true;
      }
      i = next;
    }
    if (start >= 0) this.count(built === null ? this.idOfSlice(text, start, end, hash) : this.idOfString(built));
    return true;
  }

  private count(wordId: number): void {
    const termId = this.wordTerms[wordId]!;
    if (termId < 0) return;
    const before = this.counts[termId]!;
    this.counts[termId] = before + 1;
    if (before === 0) this.touched.push(termId);
  }

  /** The id of the word `text[from, to)` (ASCII letters and digits), lower-cased; `hash` is its hash. */
  private idOfSlice(text: string, from: number, to: number, hash: number): number {
    const { table, pool } = this;
    const length = to - from;
    for (let slot = mix(hash) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 1] === 0) return this.insert(text.slice(from, to).toLowerCase(), hash);
      if (table[at] !== hash || table[at + 3] !== length) continue;
      const offset = table[at + 2]!;
      let k = 0;
      while (k < length && pool[offset + k] === (text.charCodeAt(from + k) | 32)) k++;
      if (k === length) return table[at + 1]! - 1;
    }
  }

  private idOfString(word: string): number {
    const { table, pool } = this;
    const hash = hashOf(word);
    for (let slot = mix(hash) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      if (table[at + 1] === 0) return this.insert(word, hash);
      if (table[at] !== hash || table[at + 3] !== word.length) continue;
      const offset = table[at + 2]!;
      let k = 0;
      while (k < word.length && pool[offset + k] === word.charCodeAt(k)) k++;
      if (k === word.length) return table[at + 1]! - 1;
    }
  }

  /** Adds a word not in the table: its characters, its term (folded and stemmed once, here). */
  private insert(word: string, hash: number): number {
    const id = this.wordCount++;
    if (this.poolEnd + word.length > this.pool.length) this.pool = grown(this.pool, this.poolEnd + word.length);
    for (let k = 0; k < word.length; k++) this.pool[this.poolEnd + k] = word.charCodeAt(k);
    this.place(hash, id, this.poolEnd, word.length);
    this.poolEnd += word.length;
    const term = indexTerm(word);
    let termId = -1;
    if (term !== null) {
      termId = this.termIds.get(term) ?? -1;
      if (termId < 0) {
        termId = this.terms.length;
        this.terms.push(term);
        this.termIds.set(term, termId);
        if (termId >= this.counts.length) this.counts = grown(this.counts, termId + 1);
      }
    }
    if (id >= this.wordTerms.length) this.wordTerms = grown(this.wordTerms, id + 1);
    this.wordTerms[id] = termId;
    // At most half full: rebuilt twice the size.
    if (this.wordCount * 2 > this.mask + 1) {
      const old = this.table;
      this.table = new Int32Array(old.length * 2);
      this.mask = this.mask * 2 + 1;
      for (let at = 0; at < old.length; at += 4) if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]! - 1, old[at + 2]!, old[at + 3]!);
    }
    return id;
  }

  private place(hash: number, id: number, offset: number, length: number): void {
    let slot = mix(hash) & this.mask;
    while (this.table[(slot << 2) + 1] !== 0) slot = (slot + 1) & this.mask;
    this.table.set([hash, id + 1, offset, length], slot << 2);
  }
}

function hashOf(word: string): number {
  let hash = 0;
  for (let k = 0; k < word.length; k++) hash = (Math.imul(hash, 31) + word.charCodeAt(k)) | 0;
  return hash;
}

/** A copy of `array` at least `size` long (doubling). */
function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  let length = array.length * 2;
  while (length < size) length *= 2;
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array);
  return copy;
}

/** 1 for an ASCII letter or digit, by code. */
const WORD_CODES = new Uint8Array(128).map((_, c) => ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0));

/** An ASCII letter or digit (false for NaN, past the end of a text). */
function isWordCode(c: number): boolean {
  return c < 128 && WORD_CODES[c] === 1;
}

function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/**
 * A list number (`1. `, `2) `) at a line's start, up to three spaces in, which
 * the plain text drops: where the digits end; 0 when it is not one; -1 when
 * markdownToText's answer depends on what is around it, which this scanner
 * leaves to markdownToText: link markup just before it (removed first, it
 * can bring the number to a line's start), or a line before holding only a
 * list or heading marker (whose pattern's trailing whitespace runs on into
 * this line's indent).
 */
function listNumberEnd(text: string, at: number, markupEnd: number): number {
  let k = at - 1;
  for (; ; k--) {
    if (k + 1 === markupEnd) return -1;
    if (at - k - 1 > 3) return 0;
    if (k < 0) break;
    const c = text.charCodeAt(k);
    if (isLineEnd(c)) break;
    if (!isSpace(c)) return 0;
  }
  let j = at;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  const mark = text.charCodeAt(j);
  if (!((mark === 46 || mark === 41) && isSpace(text.charCodeAt(j + 1)))) return 0;
  if (k >= 0 && k < at - 1 && afterBareMarker(text, k)) return -1;
  return j;
}

const BARE_MARKER = /^\s{0,3}(?:#{1,6}|>+|[-*+]|\d+[.)])$/;

/** True when the whitespace ending at `at` follows a line that is only a list, heading or quote marker. */
function afterBareMarker(text: string, at: number): boolean {
  let k = at;
  while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
  if (k < 0) return false;
  let lineStart = k;
  while (lineStart > 0 && !isLineEnd(text.charCodeAt(lineStart - 1))) lineStart--;
  return k - lineStart < 16 && BARE_MARKER.test(text.slice(lineStart, k + 1));
}

function isLineEnd(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `[text](url)` at `at` as markdownToText matches it: the index of its `]` and the index after its `)`. */
function linkAt(text: string, at: number): [number, number] | undefined {
  let j = at + 1;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 91) return undefined;
    if (c === 93) break;
  }
  if (j >= text.length || text.charCodeAt(j + 1) !== 40) return undefined;
  for (let k = j + 2; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 41) return [j, k + 1];
    if (c === 40) {
      let m = k + 1;
      while (m < text.length && text.charCodeAt(m) !== 40 && text.charCodeAt(m) !== 41) m++;
      if (m >= text.length || text.charCodeAt(m) === 40) return undefined;
      k = m;
    }
  }
  return undefined;
}

/** Past the `&` at `at`, and past the entity when it is one the plain text decodes. */
function entityEnd(text: string, at: number): number {
  for (const name of ENTITY_NAMES) if (text.startsWith(name, at + 1)) return at + 1 + name.length;
  return at + 1;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
