/**
 * Words for relevance. Two normal forms of each word:
 * - `light`: lower-case, accents folded, possessive and plural dropped
 *   ("children's" → "children", "potholes" → "pothole", "authorities" →
 *   "authority"). Vocabulary and place phrases match on these, so "planning"
 *   and "plan" stay different words.
 * - `stem`: the Porter stem of the light form, for BM25 ("inspected" and
 *   "inspection" meet).
 * Stemming is memoised: a corpus repeats its words.
 */
import { stemmer } from 'stemmer';

export interface Word {
  light: string;
  stem: string;
  /** The word as written began with a capital letter (names of places). */
  capital: boolean;
  /** The word was written in capitals (acronyms: "SEND", "IT"). */
  upper: boolean;
}

const STOP_WORDS = new Set(
  (
    'a about after all also am an and any are as at be been before being but by can could did do does during each for from had has have he her ' +
    'here him his how i if in into is it its may me more most much must my no nor not of off on once one only or other our out over own said same ' +
    'says she should so some such than that the their them then there these they this those through to too under until up upon very was we were ' +
    'what when where which while who whom why will with would you your yours'
  ).split(' '),
);

/** Words too common in council news and job adverts to say anything about a topic. */
const BM25_STOP = new Set(
  'council councils borough county city district local authority authorities government year week month new role job post team work working per annum salary apply applicant candidate opportunity successful including include us join looking'.split(
    ' ',
  ),
);

const stems = new Map<string, string>();
const lights = new Map<string, string>();
/** Each spelling's word, shared (words are immutable); null for a stop word. */
const known = new Map<string, Word | null>();
const CACHE_LIMIT = 200_000;

/** The words of `text`, stop words dropped. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const pattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const raw = match[0];
    let word = known.get(raw);
    if (word === undefined) {
      word = wordOf(raw);
      if (known.size < CACHE_LIMIT) known.set(raw, word);
    }
    if (word) out.push(word);
  }
  return out;
}

function wordOf(raw: string): Word | null {
  const light = lightForm(raw);
  const upper = raw.length > 1 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
  if (!light || (STOP_WORDS.has(light) && !upper)) return null;
  return Object.freeze({ light, stem: stemOf(light), capital: /^\p{Lu}/u.test(raw), upper });
}

/** Light forms of a phrase, for matching vocabulary and place names. */
export function phrase(text: string): string[] {
  return words(text).map((word) => word.light);
}

/** True when a BM25 query should use this stem. */
export function isIndexable(stem: string): boolean {
  return stem.length > 1 && !BM25_STOP.has(stem) && !/^\d+$/.test(stem);
}

export function lightForm(raw: string): string {
  let light = lights.get(raw);
  if (light === undefined) {
    const folded = raw
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’](s)?$/, '')
      .replace(/['’]/g, '');
    light = plural(folded);
    if (lights.size < CACHE_LIMIT) lights.set(raw, light);
  }
  return light;
}

function stemOf(light: string): string {
  let stem = stems.get(light);
  if (stem === undefined) {
    stem = stemmer(light);
    if (stems.size < CACHE_LIMIT) stems.set(light, stem);
  }
  return stem;
}

/** Harman's S-stemmer: plural to singular, nothing else. */
function plural(word: string): string {
  if (word.length <= 3 || !word.endsWith('s')) return word;
  if (word.endsWith('ies') && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is|ous)$/.test(word)) return word;
  if (word.endsWith('es') && /(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}
