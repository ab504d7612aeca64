/**
 * The article side: what a story is about, as a BM25 query (weighted word
 * stems from title, tags, standfirst and body), a topic profile, and the
 * places it concerns. Place names are taken out of the word query: place is
 * its own, bounded signal, so "Sandwell" in a story does not make every
 * Sandwell advert look on-topic.
 */
import type { Article } from '../content/types.js';
import type { JobIndex, Postings } from './job-index.js';
import type { Gazetteer, Place } from './places.js';
import { isIndexable, words, type Word } from './text.js';
import type { TopicProfile, Vocabulary } from './vocabulary.js';

const FIELD_WEIGHTS = { title: 3, tags: 3, summary: 2, body: 1 } as const;
/** The query keeps its strongest terms: enough to describe a story, few enough to stay well under a millisecond. */
const MAX_TERMS = 40;
/** Topics weaker than this share of the story's main topic are noise (a passing mention). */
const TOPIC_FLOOR = 0.15;

export interface QueryTerm {
  stem: string;
  weight: number;
  postings: Postings;
}

export interface ArticleQuery {
  terms: QueryTerm[];
  topics: TopicProfile;
  /** `topics` widened to related topics (a budget story partly matches audit jobs). */
  related: TopicProfile;
  places: Place[];
  /** Where the places came from: the article's fields, or (untagged stories) the body. */
  placeSource: 'fields' | 'body' | 'none';
}

export function buildQuery(article: Article, index: JobIndex, vocabulary: Vocabulary, gazetteer: Gazetteer): ArticleQuery {
  const title = words(article.title);
  const tags = words(article.tags.map((tag) => tag.name).join(' . '));
  const summary = article.text.startsWith(article.summary.slice(0, 40)) ? [] : words(article.summary);
  const body = words(article.text);

  const named = [...article.places.flatMap((place) => gazetteer.findIn(place))];
  const found = {
    title: gazetteer.find(title, true),
    tags: gazetteer.find(tags, false),
    summary: gazetteer.find(summary, true),
    body: gazetteer.find(body, true),
  };
  const primary = [...named, ...found.title.places, ...found.tags.places, ...found.summary.places];
  const places = primary.length ? unique(primary) : mostMentioned(found.body.places);

  const weights = new Map<string, number>();
  const addTerms = (run: readonly Word[], weight: number, skip: Set<number>) => {
    run.forEach((word, i) => {
      if (!skip.has(i) && isIndexable(word.stem)) weights.set(word.stem, (weights.get(word.stem) ?? 0) + weight);
    });
  };
  addTerms(title, FIELD_WEIGHTS.title, found.title.positions);
  addTerms(tags, FIELD_WEIGHTS.tags, found.tags.positions);
  addTerms(summary, FIELD_WEIGHTS.summary, found.summary.positions);
  addTerms(body, FIELD_WEIGHTS.body, found.body.positions);

  const terms = [...weights]
    .flatMap(([stem, weight]) => {
      const postings = index.postings.get(stem);
      return postings ? [{ stem, weight: Math.sqrt(weight), postings }] : [];
    })
    .sort((a, b) => b.weight * b.postings.idf - a.weight * a.postings.idf || a.stem.localeCompare(b.stem))
    .slice(0, MAX_TERMS);

  const topics = vocabulary.profile(
    [
      { words: title, weight: FIELD_WEIGHTS.title },
      { words: tags, weight: FIELD_WEIGHTS.tags },
      { words: summary, weight: FIELD_WEIGHTS.summary },
      { words: body, weight: FIELD_WEIGHTS.body },
    ],
    { floor: TOPIC_FLOOR },
  );
  return { terms, topics, related: vocabulary.widen(topics), places, placeSource: primary.length ? 'fields' : places.length ? 'body' : 'none' };
}

/** The places a story without place fields mentions most; councils before regions. */
function mostMentioned(places: readonly Place[]): Place[] {
  const authorities = places.filter((place) => place.kind === 'authority');
  const pool = authorities.length ? authorities : places;
  const counts = new Map<Place, number>();
  for (const place of pool) counts.set(place, (counts.get(place) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  return [...counts].filter(([, count]) => count === top).map(([place]) => place);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
