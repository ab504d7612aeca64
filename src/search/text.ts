/**
 * Text analysis shared by the article index, snippets and job filters:
 * accent folding, word splitting, stop words and English stemming. Pure.
 */
import { stemmer } from 'stemmer';

/** The longest search text kept, in characters (code points); longer input is cut, not refused. */
export const MAX_QUERY_LENGTH = 200;

const NON_ASCII = /[^\x00-\x7f]/;
/** Letters NFKD leaves whole: folded by hand so `Øresund`, `Straße` and `Łódź` match their ASCII spellings. */
const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, accents and compatibility forms folded: `Café` → `cafe`, `ﬁ` → `fi`. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.replace(NON_ASCII_ALL, foldChar) : lower;
}

const NON_ASCII_ALL = /[^\x00-\x7f]/g;
const folds = new Map<string, string>();

/**
 * One non-ASCII character folded, cached (a text repeats few of them): letters
 * and digits lose their accents (`é` → `e`, `ß` → `ss`) or stay as they are
 * (`ж`), combining marks go, and everything else (curly quotes, `£`, dashes, emoji halves) becomes
 * a space, so it separates words.
 */
function foldChar(char: string): string {
  let folded = folds.get(char);
  if (folded === undefined) {
    const plain = (SPECIAL_FOLDS[char] ?? char).normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    folded = /^\p{M}$/u.test(char) ? '' : /^[\p{L}\p{N}]+$/u.test(plain) ? plain : ' ';
    folds.set(char, folded);
  }
  return folded;
}

const unitFolds: (string | undefined)[] = [];

/**
 * One non-ASCII UTF-16 code unit as `foldText` turns it within a text:
 * lower-cased, then folded unit by unit ('' for a combining mark, ' ' for a
 * separator). Cached. (Only a capital sigma lower-cases differently alone.)
 */
export function foldUnit(code: number): string {
  let folded = unitFolds[code];
  if (folded === undefined) {
    folded = String.fromCharCode(code).toLowerCase().replace(NON_ASCII_ALL, foldChar);
    unitFolds[code] = folded;
  }
  return folded;
}

const WORD_SPLIT_ASCII = /[^a-z0-9]+/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** Folded words of a text, in order; punctuation, symbols and emoji separate words. */
export function words(text: string): string[] {
  const folded = foldText(text);
  const parts = folded.split(NON_ASCII.test(folded) ? WORD_SPLIT : WORD_SPLIT_ASCII);
  // Only the ends can be empty (text starting or ending with a separator).
  if (parts.at(-1) === '') parts.pop();
  if (parts[0] === '') parts.shift();
  return parts;
}

/** A word with its position in the original text (for snippets). */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

/** Words of `text` with their offsets in it, folded; `text` itself is not changed. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD_RUN)) {
    const start = match.index;
    const run = match[0];
    const end = start + run.length;
    if (!NON_ASCII.test(run)) spans.push({ word: run.toLowerCase(), start, end });
    else for (const word of words(run)) spans.push({ word, start, end });
  }
  return spans;
}

const WORD_RUN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by for from had has have he her his i if in into is it its me my no not of on or our ' +
    's she so t than that the their them then there these they this those to was we were what when which who will with would you your')
    .split(' '),
);

const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 500_000;

/**
 * The index term of a folded word: null for stop words, numbers as they are,
 * other words stemmed (`inspections` → `inspect`), stems cached.
 */
export function indexTerm(word: string): string | null {
  if (STOP_WORDS.has(word)) return null;
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** The index terms of a text, in order, stop words dropped. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    const term = indexTerm(word);
    if (term) terms.push(term);
  }
  return terms;
}

export interface CleanText {
  text: string;
  /** True when the input was longer than the limit and was cut. */
  truncated: boolean;
}

/**
 * Search input made safe to use and show: Unicode normalised (NFKC), lone
 * surrogates, control and format characters (bidi marks, zero-width joiners)
 * removed, whitespace collapsed, cut to `max` code points.
 */
export function cleanSearchText(raw: string, max = MAX_QUERY_LENGTH): CleanText {
  const text = raw
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  if (chars.length <= max) return { text, truncated: false };
  return { text: chars.slice(0, max).join('').trimEnd(), truncated: true };
}

/** Escapes a string for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
