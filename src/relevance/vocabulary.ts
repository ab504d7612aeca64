/**
 * The topic vocabulary: fields of council work and the words and phrases that
 * signal them. The built-in list (vocabulary.json) covers UK local government;
 * the content folder's topics.yaml extends it (same topic name: more terms;
 * new name: a new topic). Data, not code: no topic has a branch of its own.
 */
import builtIn from './vocabulary.json' with { type: 'json' };
import type { Topic } from '../content/types.js';
import { PhraseMatcher } from './phrases.js';
import { phrase, words, type Word } from './text.js';

/** A sparse topic profile: topic id → weight, unit length (for cosine similarity). */
export type TopicProfile = ReadonlyMap<number, number>;

export interface Vocabulary {
  /** Topic names by id. */
  readonly names: readonly string[];
  /** Topic profile of weighted text fields. */
  profile(fields: readonly WeightedWords[], options?: { floor?: number }): TopicProfile;
}

export interface WeightedWords {
  words: readonly Word[];
  weight: number;
}

/** Matched boilerplate (a job advert's pension and DBS paragraphs) counts for no topic. */
const BOILERPLATE = -1;
/** A one-word term is weaker evidence than a phrase. */
const SINGLE_WORD = 0.7;

interface VocabularyData {
  boilerplate: string[];
  topics: Record<string, string[]>;
}

export function builtInTopics(): Topic[] {
  return Object.entries((builtIn as VocabularyData).topics).map(([name, terms]) => ({ name, terms: [name, ...terms] }));
}

/** The built-in vocabulary extended by the editors' topics. */
export function buildVocabulary(extra: readonly Topic[] = []): Vocabulary {
  const merged = new Map<string, { name: string; terms: Set<string> }>();
  for (const topic of [...builtInTopics(), ...extra]) {
    const key = topicKey(topic.name);
    const entry = merged.get(key) ?? { name: topic.name, terms: new Set<string>() };
    for (const term of [topic.name, ...topic.terms]) entry.terms.add(term);
    merged.set(key, entry);
  }
  const names = [...merged.values()].map((entry) => entry.name);
  const matcher = new PhraseMatcher<number>();
  const acronyms = new Map<string, number[]>();
  for (const term of (builtIn as VocabularyData).boilerplate) matcher.add(phrase(term), BOILERPLATE);
  [...merged.values()].forEach((entry, id) => {
    for (const term of entry.terms) addTerm(term, id, matcher, acronyms);
  });
  return { names, profile: (fields, options) => profileOf(fields, matcher, acronyms, options?.floor ?? 0) };
}

function addTerm(term: string, id: number, matcher: PhraseMatcher<number>, acronyms: Map<string, number[]>): void {
  const lights = phrase(term);
  const written = term.split(/[^\p{L}\p{N}'’]+/u).filter(Boolean);
  // "SEND" matches only "SEND", never "send": terms in capitals are acronyms.
  if (/\p{L}/u.test(term) && term === term.toUpperCase() && written.length === 1) {
    const key = term.toLowerCase();
    acronyms.set(key, [...(acronyms.get(key) ?? []), id]);
    return;
  }
  // A phrase that loses words to the stop list ("it support" → "support") would mean something else.
  if (lights.length === 0 || (lights.length === 1 && written.length > 1)) return;
  matcher.add(lights, id);
}

function profileOf(fields: readonly WeightedWords[], matcher: PhraseMatcher<number>, acronyms: Map<string, number[]>, floor: number): TopicProfile {
  const weights = new Map<number, number>();
  const add = (ids: readonly number[], amount: number) => {
    for (const id of ids) if (id !== BOILERPLATE) weights.set(id, (weights.get(id) ?? 0) + amount);
  };
  for (const { words: run, weight } of fields) {
    const matches = matcher.match(run);
    let next = 0;
    for (const match of matches) {
      for (let i = next; i < match.start; i++) acronymAt(run[i]!, acronyms, (ids) => add(ids, weight));
      if (match.values.includes(BOILERPLATE)) {
        next = match.end;
        continue;
      }
      add(match.values, weight * (match.end - match.start > 1 ? 1 : SINGLE_WORD));
      next = match.end;
    }
    for (let i = next; i < run.length; i++) acronymAt(run[i]!, acronyms, (ids) => add(ids, weight));
  }
  return normalise(weights, floor);
}

function acronymAt(word: Word, acronyms: Map<string, number[]>, add: (ids: number[]) => void): void {
  if (!word.upper) return;
  const ids = acronyms.get(word.light);
  if (ids) add(ids);
}

/** Drops topics weaker than `floor` × the strongest, then scales to unit length. */
function normalise(weights: Map<number, number>, floor: number): TopicProfile {
  const max = Math.max(0, ...weights.values());
  const kept = [...weights].filter(([, weight]) => weight >= floor * max);
  const length = Math.hypot(...kept.map(([, weight]) => weight));
  return new Map(length > 0 ? kept.map(([id, weight]) => [id, weight / length]) : []);
}

export function cosine(a: TopicProfile, b: TopicProfile): number {
  let sum = 0;
  for (const [id, weight] of a) sum += weight * (b.get(id) ?? 0);
  return sum;
}

/** "Finance & Audit" and "finance and audit" are one topic. */
export function topicKey(name: string): string {
  return words(name.replace(/&/g, ' and ')).map((word) => word.light).join(' ');
}
