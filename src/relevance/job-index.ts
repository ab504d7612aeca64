/**
 * The jobs side of relevance, built once per set of jobs: a BM25F inverted
 * index over title, tags, teaser, body and employer, each job's topic profile
 * and places, and the keys that spot duplicate adverts and shared employers.
 */
import type { Job } from '../content/types.js';
import type { Gazetteer, Place } from './places.js';
import { isIndexable, words, type Word } from './text.js';
import type { TopicProfile, Vocabulary } from './vocabulary.js';

/** BM25F field weights and length normalisation. */
const FIELDS = [
  { name: 'title', weight: 3, b: 0.3 },
  { name: 'tags', weight: 2, b: 0 },
  { name: 'summary', weight: 1.5, b: 0.5 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'employer', weight: 0.5, b: 0 },
] as const;
const K1 = 1.2;
/** Only the start of a long advert describes the job; the rest is terms and conditions. */
const BODY_WORDS = 400;
/**
 * Topic evidence per field: a job is what its title says it is (a "Finance
 * Business Partner" whose advert talks about the adult social care and
 * public health teams it serves is still a finance job); tags next; the
 * teaser and body only add context. The whole title weighs the same: the
 * part after a dash can name the field ("HGV Driver - Refuse").
 */
const TOPIC_WEIGHTS = { title: 4, tags: 3, employer: 1, summary: 1.5, body: 0.5 } as const;

export interface Postings {
  jobs: Int32Array;
  /** Saturated BM25F term frequency, tf / (k1 + tf). */
  saturation: Float32Array;
  idf: number;
}

export interface JobIndex {
  readonly jobs: readonly Job[];
  readonly postings: ReadonlyMap<string, Postings>;
  readonly topics: readonly TopicProfile[];
  /** Each job's strongest topic weight. */
  readonly topicMax: Float64Array;
  /** Topic id → jobs having it, with the job's weight. */
  readonly byTopic: ReadonlyMap<number, { jobs: Int32Array; weights: Float32Array }>;
  readonly places: readonly (readonly Place[])[];
  readonly employerKeys: readonly string[];
  readonly duplicateKeys: readonly string[];
  readonly position: ReadonlyMap<Job, number>;
  readonly bySlug: ReadonlyMap<string, number>;
  /** Posting and closing moments (ms; Infinity for no closing date), for the ranking's hot loop. */
  readonly postedAt: Float64Array;
  readonly closesAt: Float64Array;
  /** The newest posting: the clock for freshness when the caller gives none. */
  readonly latestPosted: number;
}

export function buildJobIndex(jobs: readonly Job[], vocabulary: Vocabulary, gazetteer: Gazetteer): JobIndex {
  const fieldWords = jobs.map((job) => jobFields(job));
  const averages = FIELDS.map((_, f) => fieldWords.reduce((sum, fields) => sum + fields[f]!.length, 0) / Math.max(1, jobs.length) || 1);
  const building = new Map<string, { jobs: number[]; saturation: number[] }>();
  fieldWords.forEach((fields, id) => {
    const tf = new Map<string, number>();
    FIELDS.forEach((field, f) => {
      const run = fields[f]!;
      const norm = 1 - field.b + (field.b * run.length) / averages[f]!;
      for (const word of run) {
        if (isIndexable(word.stem)) tf.set(word.stem, (tf.get(word.stem) ?? 0) + field.weight / norm);
      }
    });
    for (const [stem, frequency] of tf) {
      let entry = building.get(stem);
      if (!entry) building.set(stem, (entry = { jobs: [], saturation: [] }));
      entry.jobs.push(id);
      entry.saturation.push(frequency / (K1 + frequency));
    }
  });
  const postings = new Map<string, Postings>();
  for (const [stem, entry] of building) {
    const df = entry.jobs.length;
    postings.set(stem, { jobs: Int32Array.from(entry.jobs), saturation: Float32Array.from(entry.saturation), idf: Math.log(1 + (jobs.length - df + 0.5) / (df + 0.5)) });
  }
  const topics = fieldWords.map(([title, tags, summary, body, employer]) =>
    vocabulary.profile([
      { words: title!, weight: TOPIC_WEIGHTS.title },
      { words: tags!, weight: TOPIC_WEIGHTS.tags },
      { words: employer!, weight: TOPIC_WEIGHTS.employer },
      { words: summary!, weight: TOPIC_WEIGHTS.summary },
      { words: body!, weight: TOPIC_WEIGHTS.body },
    ], { floor: 0.1 }),
  );
  return {
    jobs,
    postings,
    topics,
    topicMax: Float64Array.from(topics, (profile) => Math.max(0, ...profile.values())),
    byTopic: invert(topics),
    places: jobs.map((job) => jobPlaces(job, gazetteer)),
    employerKeys: jobs.map((job) => key(job.employer)),
    duplicateKeys: jobs.map((job) => [job.title, job.employer, job.location].map(key).join('|')),
    position: new Map(jobs.map((job, id) => [job, id])),
    bySlug: new Map(jobs.map((job, id) => [job.slug, id])),
    postedAt: Float64Array.from(jobs, (job) => job.posted.getTime()),
    closesAt: Float64Array.from(jobs, (job) => job.closes?.getTime() ?? Infinity),
    latestPosted: jobs.reduce((latest, job) => Math.max(latest, job.posted.getTime()), 0),
  };
}

function jobFields(job: Job): Word[][] {
  const body = words(job.text).slice(0, BODY_WORDS);
  const summary = job.text.startsWith(job.summary.slice(0, 40)) ? [] : words(job.summary);
  return [words(job.title), words(job.tags.map((tag) => tag.name).join(' . ')), summary, body, words(job.employer)];
}

/** Where the job is: its location, else its employer ("Essex County Council"). */
function jobPlaces(job: Job, gazetteer: Gazetteer): Place[] {
  const located = gazetteer.findIn(job.location);
  return located.length ? [...located, ...gazetteer.findIn(job.employer)] : gazetteer.findIn(job.employer);
}

function invert(topics: readonly TopicProfile[]): Map<number, { jobs: Int32Array; weights: Float32Array }> {
  const lists = new Map<number, { jobs: number[]; weights: number[] }>();
  topics.forEach((profile, id) => {
    for (const [topic, weight] of profile) {
      const list = lists.get(topic) ?? { jobs: [], weights: [] };
      list.jobs.push(id);
      list.weights.push(weight);
      lists.set(topic, list);
    }
  });
  return new Map([...lists].map(([topic, list]) => [topic, { jobs: Int32Array.from(list.jobs), weights: Float32Array.from(list.weights) }]));
}

function key(text: string): string {
  return words(text).map((word) => word.light).join(' ');
}
