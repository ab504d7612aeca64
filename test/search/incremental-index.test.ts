/**
 * An index made from the last one (ArticleIndex.update: the unchanged
 * records' postings kept, the gone ones marked deleted, only new records
 * counted) answers exactly as an index built afresh over the same snapshot.
 * A generated corpus (the benchmark's, parsed by the real parser, kept file
 * by file as the reloader keeps it) goes through generations of random
 * edits: bodies and titles rewritten, words removed, articles added, removed,
 * renamed, redated, published from draft; after each, hundreds of queries
 * (all words and any word, prefixes, typos) must give the same hits in the
 * same order, the same scores (to 1e-12, relative) and the same terms.
 */
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../../scripts/bench-corpus.js';
import { parseContentFile, type ContentRecord } from '../../src/content/parse.js';
import { DEFAULT_SITE } from '../../src/content/site.js';
import { buildSnapshot, type ContentSnapshot } from '../../src/content/snapshot.js';
import type { Article } from '../../src/content/types.js';
import { ArticleIndex, MAX_DELTAS, type IndexHit } from '../../src/search/article-index.js';
import { createArticleSearch } from '../../src/search/article-search.js';

/** xorshift32: the same edits and queries on every run. */
let state = 20260630;
function rand(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T,>(list: readonly T[]): T => list[int(0, list.length - 1)]!;

const BASE = '2026-06-30';
const NOW = new Date(`${BASE}T12:00:00Z`);
/** Words no generated article has, so some terms live only in the new segments (or only in deleted documents). */
const NEW_WORDS = ['quangocracy', 'zeppelin', 'xylophonist', 'councillorship', 'plannery', 'inspectorate', 'Sandwellian', 'recyclotron', '2031', '4294967294', 'birmingam'];

/** The content folder as the reloader holds it: file → text and its record (a changed file gets a new record; the others keep theirs). */
class Content {
  private readonly files = new Map<string, { text: string; record: ContentRecord | undefined }>();
  private previous: ContentSnapshot | undefined;
  private version = 0;

  constructor(files: Iterable<[string, string]>) {
    for (const [file, text] of files) this.write(file, text);
  }

  write(file: string, text: string): void {
    this.files.set(file, { text, record: parseContentFile('article', file, text, DEFAULT_SITE).record });
  }

  remove(file: string): void {
    this.files.delete(file);
  }

  text(file: string): string {
    return this.files.get(file)!.text;
  }

  list(): string[] {
    return [...this.files.keys()];
  }

  snapshot(): ContentSnapshot {
    const records = [...this.files.values()].flatMap(({ record }) => (record ? [record] : []));
    this.previous = buildSnapshot({ site: DEFAULT_SITE, records, problems: [], fingerprints: [String(this.version++)], loadedAt: NOW, previous: this.previous });
    return this.previous;
  }
}

function corpus(articles: number, seed: number): Content {
  return new Content(corpusFiles({ articles, jobs: 0, seed, base: BASE }));
}

const frontMatter = (text: string) => text.slice(0, text.indexOf('\n---', 3));
const body = (text: string) => text.slice(text.indexOf('\n---', 3) + 5);
const withBody = (text: string, next: string) => `${frontMatter(text)}\n---\n${next}`;
const setLine = (text: string, key: string, value: string) => {
  const matter = frontMatter(text);
  const line = new RegExp(`^${key}:.*$`, 'm');
  const next = line.test(matter) ? matter.replace(line, `${key}: ${value}`) : `${matter}\n${key}: ${value}`;
  return `${next}\n---\n${body(text)}`;
};
const sentence = () => Array.from({ length: int(3, 12) }, () => pick(NEW_WORDS)).join(' ') + '.';

let added = 0;
/** One random edit, as an editor saving a file makes it. */
function edit(content: Content, extra: Iterator<[string, string]>): string {
  const file = pick(content.list());
  const text = content.text(file);
  switch (int(0, 9)) {
    case 0:
      content.write(file, withBody(text, `${sentence()} ${body(text)}`));
      return 'body: words added';
    case 1: {
      // A word taken out of the whole body: the term may be left only in deleted documents.
      const words = body(text).split(/\s+/).filter((word) => /^[a-z]{5,}$/.test(word));
      const gone = words.length ? pick(words) : 'council';
      content.write(file, withBody(text, body(text).replaceAll(gone, '')));
      return 'body: a word removed';
    }
    case 2:
      content.write(file, setLine(text, 'title', JSON.stringify(`${sentence().slice(0, -1)} ${pick(NEW_WORDS)}`)));
      return 'title';
    case 3: {
      const [path, fresh] = extra.next().value as [string, string];
      content.write(path.replace('.md', `-new-${++added}.md`), fresh);
      return 'added';
    }
    case 4:
      content.remove(file);
      return 'removed';
    case 5:
      content.remove(file);
      content.write(file.replace('.md', `-renamed-${++added}.md`), text);
      return 'renamed (file)';
    case 6:
      content.write(file, setLine(text, 'slug', `renamed-slug-${++added}`));
      return 'renamed (slug)';
    case 7:
      // Scheduled: a future date moves it to the front of the snapshot.
      content.write(file, setLine(text, 'date', JSON.stringify(`2026-0${int(7, 9)}-1${int(0, 9)}T09:00`)));
      return 'redated';
    case 8:
      content.write(file, setLine(text, 'draft', rand() < 0.5 ? 'true' : 'false'));
      return 'draft toggled';
    default:
      content.write(file, withBody(text, body(text).split('\n\n').reverse().join('\n\n')));
      return 'body: paragraphs reordered';
  }
}

/** A word with one random edit: a letter changed, dropped or added. */
function typo(word: string): string {
  const at = int(0, Math.max(0, word.length - 1));
  const letter = pick([...'aeiourstn']);
  return pick([word.slice(0, at) + letter + word.slice(at + 1), word.slice(0, at) + word.slice(at + 1), word.slice(0, at) + letter + word.slice(at)]);
}

function queries(articles: readonly Article[]): string[] {
  const titleWords = articles.flatMap((article) => article.title.split(/\s+/)).filter((word) => word.length > 2);
  const word = () => (rand() < 0.25 ? pick(NEW_WORDS) : pick(titleWords));
  const list = ['Sandwell', 'Birmingham City Council', 'children’s services', 'counc', 'plann', 'recyclng', '2024', 'the', 'council council', 'cou', 'renamed'];
  const beginning = (w: string) => w.slice(0, int(3, Math.max(3, w.length - 1)));
  // How many of each kind: single words, several words, a word's beginning, a word then a beginning, a typo.
  const kinds: [number, () => string][] = [
    [50, word],
    [40, () => Array.from({ length: int(2, 3) }, word).join(' ')],
    [40, () => beginning(word())],
    [20, () => `${word()} ${beginning(word())}`],
    [40, () => typo(word())],
  ];
  for (const [count, make] of kinds) list.push(...Array.from({ length: count }, make));
  return list;
}

/** What differs between two hit lists: ids and their order, scores (to 1e-12, relative), slugs, terms and their order. */
function differences(actual: IndexHit[], expected: IndexHit[]): string[] {
  if (actual.length !== expected.length) return [`${actual.length} hits, expected ${expected.length}`];
  const problems: string[] = [];
  expected.forEach((want, k) => {
    const got = actual[k]!;
    if (got.id !== want.id || got.slug !== want.slug) problems.push(`hit ${k}: ${got.slug}, expected ${want.slug}`);
    if (Math.abs(got.score - want.score) > 1e-12 * Math.abs(want.score)) problems.push(`score at ${k}: ${got.score}, expected ${want.score}`);
    if (got.terms.join() !== want.terms.join()) problems.push(`terms at ${k}: ${got.terms.join()}, expected ${want.terms.join()}`);
  });
  return problems.slice(0, 5);
}

/** Compares every query, all words and any word, with and without typos; returns how many searches found something. */
function expectSameAnswers(incremental: ArticleIndex, fresh: ArticleIndex, label: string): number {
  let withHits = 0;
  for (const query of queries(fresh.articles)) {
    for (const combineWith of ['all', 'any'] as const) {
      for (const typos of [false, true]) {
        const expected = fresh.search(query, combineWith, typos);
        expect(differences(incremental.search(query, combineWith, typos), expected), `${label}: ${JSON.stringify(query)} ${combineWith}${typos ? ' typos' : ''}`).toEqual([]);
        if (expected.length) withHits++;
      }
    }
  }
  return withHits;
}

describe('incremental article index', () => {
  it('answers as a fresh build does, generation after generation of edits', async () => {
    const content = corpus(1500, 7);
    const extra = corpusFiles({ articles: 400, jobs: 0, seed: 8, base: BASE })[Symbol.iterator]();
    let snapshot = content.snapshot();
    let index = ArticleIndex.build(snapshot.articles);
    const seen = { segmented: 0, deleted: 0, whole: 0, folded: 0, searches: 0 };
    for (let generation = 1; generation <= 14; generation++) {
      // Mostly a few edits (an editor saving files); now and then a batch big enough to make the update build whole.
      const edits = generation % 6 === 0 ? 220 : int(1, 12);
      const kinds = new Set<string>();
      for (let k = 0; k < edits; k++) kinds.add(edit(content, extra));
      snapshot = content.snapshot();
      const before = index.segments.length;
      index = generation % 2 ? ArticleIndex.update(index, snapshot.articles) : await ArticleIndex.updateInBackground(index, snapshot.articles, {}, 7);
      const fresh = ArticleIndex.build(snapshot.articles);
      expect(index.size).toBe(fresh.size);
      const { segments } = index;
      if (segments.length > 1) seen.segmented++;
      if (segments.some((segment) => segment.live < segment.index.documents)) seen.deleted++;
      if (index.counted === snapshot.articles.length) seen.whole++;
      if (before === MAX_DELTAS + 1 || (segments.length === 2 && before > 2)) seen.folded++;
      expect(segments.length).toBeLessThanOrEqual(MAX_DELTAS + 1);
      seen.searches += expectSameAnswers(index, fresh, `generation ${generation} (${[...kinds].join(', ')})`);
    }
    // The generations went through every kind of index: segments with deletions, segments folded into one, whole builds.
    expect(seen.segmented).toBeGreaterThan(6);
    expect(seen.deleted).toBeGreaterThan(6);
    expect(seen.whole).toBeGreaterThanOrEqual(2);
    expect(seen.folded).toBeGreaterThanOrEqual(1);
    expect(seen.searches).toBeGreaterThan(14 * 500);
  }, 120_000);

  it('counts only the edited article for an edit of one', () => {
    const content = corpus(600, 9);
    let snapshot = content.snapshot();
    let index = ArticleIndex.build(snapshot.articles);
    expect(index.counted).toBe(600);
    const [first, second] = content.list();
    // The same file saved again and again: one article counted each time, the earlier versions dropped.
    for (let save = 1; save <= 5; save++) {
      content.write(first!, withBody(content.text(first!), `${sentence()} ${body(content.text(first!))}`));
      snapshot = content.snapshot();
      index = ArticleIndex.update(index, snapshot.articles);
      expect(index.counted).toBe(1);
      expect(index.segments.map((segment) => segment.live)).toEqual([599, 1]);
    }
    content.remove(second!);
    snapshot = content.snapshot();
    index = ArticleIndex.update(index, snapshot.articles);
    expect(index.counted).toBe(0);
    expect(index.segments.map((segment) => segment.live)).toEqual([598, 1]);
    expectSameAnswers(index, ArticleIndex.build(snapshot.articles), 'after one edit');
    // A reload that changed no article (a job, the settings): the snapshot keeps its array, nothing is counted.
    const unchanged = content.snapshot();
    expect(unchanged.articles).toBe(snapshot.articles);
    const same = ArticleIndex.update(index, unchanged.articles);
    expect(same.counted).toBe(0);
    expect(same.search('council', 'any')).toEqual(index.search('council', 'any'));
  });

  it('is what a reload gives the search: the next snapshot\'s index counts the edit only', async () => {
    const content = corpus(300, 10);
    const search = createArticleSearch();
    const first = await search.warm(content.snapshot());
    expect(first.counted).toBe(300);
    const [file] = content.list();
    content.write(file!, setLine(content.text(file!), 'title', '"Zeppelin landing fees rise"'));
    const snapshot = content.snapshot();
    const next = await search.warm(snapshot);
    expect(next.counted).toBe(1);
    expect(next.search('zeppelin', 'all').map((hit) => hit.slug)).toEqual(ArticleIndex.build(snapshot.articles).search('zeppelin', 'all').map((hit) => hit.slug));
  });
});
