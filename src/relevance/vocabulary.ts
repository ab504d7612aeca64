/**
 * The topic vocabulary: fields of council work and the words and phrases that
 * signal them. The built-in list (vocabulary.json) covers UK local government;
 * the content folder's topics.yaml extends it (same topic name: more terms;
 * new name: a new topic). Data, not code: no topic has a branch of its own.
 *
 * Families group neighbouring topics under an older, coarser name ("finance &
 * audit" = corporate finance, audit and fraud, revenues and benefits,
 * procurement). They do two things:
 * - relatedness: a story about one member also partly matches jobs of the
 *   others at the family's affinity (finance 0.5: auditors and accountants
 *   share a profession; highways and fleet 0.3: one service, different
 *   trades), so a budget story rates an auditor above a planner but below an
 *   accountant; `related` adds a few such links across families;
 * - editors' names: an editor's topic named after a family (or after one of
 *   its members) adds its new terms there, but a term the built-in vocabulary
 *   already gives to a member of that family stays where it is, so an older
 *   topics.yaml that lists "audit" under "finance & audit" does not undo the
 *   split.
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
  /**
   * The profile widened to related topics: each related topic gets the
   * strongest of (its own weight, a topic's weight × their affinity). Not
   * unit length; for matching a story against jobs.
   */
  widen(profile: TopicProfile): TopicProfile;
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
  /** Family name → member topics, and how much a story about one member matches a job of another (0–1). */
  families: Record<string, { topics: string[]; affinity: number }>;
  /** Links across families: [topic, topic, affinity]. */
  related: [string, string, number][];
}

const data = builtIn as unknown as VocabularyData;

export function builtInTopics(): Topic[] {
  return Object.entries(data.topics).map(([name, terms]) => ({ name, terms: [name, ...terms] }));
}

/** The built-in vocabulary extended by the editors' topics. */
export function buildVocabulary(extra: readonly Topic[] = []): Vocabulary {
  const merged = new Map<string, { name: string; terms: Set<string> }>();
  for (const topic of builtInTopics()) merged.set(topicKey(topic.name), { name: topic.name, terms: new Set(topic.terms) });
  const families = new Map(Object.entries(data.families).map(([name, family]) => [topicKey(name), family.topics.map(topicKey)]));
  const familyOf = new Map([...families.values()].flatMap((members) => members.map((member) => [member, members] as const)));
  const builtInTerms = termOwners(merged);
  for (const topic of extra) {
    const key = topicKey(topic.name);
    const family = families.get(key) ?? familyOf.get(key);
    const target = families.has(key) ? family![0]! : key;
    const entry = merged.get(target) ?? { name: topic.name, terms: new Set<string>() };
    for (const term of [topic.name, ...topic.terms]) {
      const owners = builtInTerms.get(termKey(term)) ?? [];
      if (!family || !owners.some((owner) => family.includes(owner))) entry.terms.add(term);
    }
    merged.set(target, entry);
  }
  const keys = [...merged.keys()];
  const names = [...merged.values()].map((entry) => entry.name);
  const matcher = new PhraseMatcher<number>();
  const acronyms = new Map<string, number[]>();
  for (const term of data.boilerplate) matcher.add(phrase(term), BOILERPLATE);
  [...merged.values()].forEach((entry, id) => {
    for (const term of entry.terms) addTerm(term, id, matcher, acronyms);
  });
  const affinity = affinities(keys, data.families, data.related);
  // Each topic's family, as the id of the family's first topic (its own id when it has none).
  const family = keys.map((key, id) => {
    const members = familyOf.get(key);
    return members ? keys.indexOf(members[0]!) : id;
  });
  return { names, profile: (fields, options) => profileOf(fields, matcher, acronyms, family, options?.floor ?? 0), widen: (profile) => widen(profile, affinity) };
}

/** Built-in term (light form) → the topics (keys) that list it. */
function termOwners(topics: Map<string, { terms: Set<string> }>): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [key, { terms }] of topics) for (const term of terms) owners.set(termKey(term), [...(owners.get(termKey(term)) ?? []), key]);
  return owners;
}

function termKey(term: string): string {
  return phrase(term).join(' ') || term.toLowerCase();
}

/** Topic id → [related topic id, affinity]: members of a family, and the explicit links. */
function affinities(keys: readonly string[], families: VocabularyData['families'], related: VocabularyData['related']): Map<number, [number, number][]> {
  const id = new Map(keys.map((key, i) => [key, i]));
  const links = new Map<number, Map<number, number>>();
  const link = (a: string, b: string, weight: number) => {
    const [x, y] = [id.get(topicKey(a)), id.get(topicKey(b))];
    if (x === undefined || y === undefined || x === y) return;
    for (const [from, to] of [[x, y], [y, x]] as const) {
      const row = links.get(from) ?? new Map<number, number>();
      row.set(to, Math.max(row.get(to) ?? 0, weight));
      links.set(from, row);
    }
  };
  for (const { topics, affinity } of Object.values(families)) for (const a of topics) for (const b of topics) link(a, b, affinity);
  for (const [a, b, weight] of related) link(a, b, weight);
  return new Map([...links].map(([from, row]) => [from, [...row]]));
}

function widen(profile: TopicProfile, affinity: Map<number, [number, number][]>): TopicProfile {
  const wide = new Map(profile);
  for (const [topic, weight] of profile) {
    for (const [other, strength] of affinity.get(topic) ?? []) wide.set(other, Math.max(wide.get(other) ?? 0, weight * strength));
  }
  return wide;
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

/**
 * Sums each topic's evidence over the fields. A term of one field of work
 * counts for it in full. A term that several fields share ("social worker":
 * children's and adults' services; "audit committee": audit and democratic
 * services) counts for the field the rest of the text is about: its weight is
 * shared between its families in proportion to their unshared evidence
 * (evenly when there is none). Within one family (children's social care and
 * its parts) a shared term counts in full for each member: they are nested.
 */
function profileOf(fields: readonly WeightedWords[], matcher: PhraseMatcher<number>, acronyms: Map<string, number[]>, family: readonly number[], floor: number): TopicProfile {
  const weights = new Map<number, number>();
  const shared: { ids: readonly number[]; amount: number }[] = [];
  const add = (ids: readonly number[], amount: number) => {
    if (ids.length > 1 && new Set(ids.map((id) => family[id])).size > 1) shared.push({ ids, amount });
    else for (const id of ids) weights.set(id, (weights.get(id) ?? 0) + amount);
  };
  for (const { words: run, weight } of fields) {
    const matches = matcher.match(run);
    let next = 0;
    for (const match of matches) {
      for (let i = next; i < match.start; i++) acronymAt(run[i]!, acronyms, (ids) => add(ids, weight));
      next = match.end;
      if (match.values.includes(BOILERPLATE)) continue;
      add(match.values, weight * (match.end - match.start > 1 ? 1 : SINGLE_WORD));
    }
    for (let i = next; i < run.length; i++) acronymAt(run[i]!, acronyms, (ids) => add(ids, weight));
  }
  const unshared = new Map(weights);
  for (const { ids, amount } of shared) {
    const groups = new Map<number, number[]>();
    for (const id of ids) groups.set(family[id]!, [...(groups.get(family[id]!) ?? []), id]);
    const evidence = [...groups.values()].map((members) => Math.max(0, ...members.map((id) => unshared.get(id) ?? 0)));
    const total = evidence.reduce((sum, value) => sum + value, 0);
    [...groups.values()].forEach((members, g) => {
      const share = total > 0 ? evidence[g]! / total : 1 / groups.size;
      if (share > 0) for (const id of members) weights.set(id, (weights.get(id) ?? 0) + amount * share);
    });
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
