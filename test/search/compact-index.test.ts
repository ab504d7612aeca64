/**
 * The compact article index against the reference it replaced: MiniSearch 7
 * loaded with the same counted postings (minisearch-reference.ts). On the
 * benchmark's generated articles plus articles of odd text (accents, digits,
 * apostrophes, very long words, other scripts, Markdown, near spellings),
 * hundreds of queries — single words, several words, prefixes, typos, all
 * words and any word — must give the same articles in the same order with
 * the same scores (to 1e-9, relative) and the same matched terms.
 *
 * Two things the reference leaves to its radix tree's insertion history are
 * compared as sets: the order of a hit's `terms`, and the order of hits
 * whose scores are equal (to 1e-9).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/bench-corpus.js';
import { loadContent } from '../../src/content/load.js';
import type { Article } from '../../src/content/types.js';
import { ArticleIndex, type IndexHit } from '../../src/search/article-index.js';
import { MiniSearchReference } from './minisearch-reference.js';

/** mulberry32 */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20240615);
const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const LONG = 'pneumonoultramicroscopicsilicovolcanoconiosis';
/** Words for the odd articles: near spellings, shared beginnings, numbers that are array indexes and numbers that are not. */
const ODD_WORDS = [
  'café', 'Café', 'CAFÉ', 'cafe', 'naïve', 'Øresund', 'Straße', 'strasse', 'Łódź', 'résumé', 'São', 'Zoë', 'e\u0301cole', 'ﬁnance', 'İstanbul',
  '0', '7', '42', '2024', '2025', '007', '4294967294', '4294967295', '99999999999', '3rd', '24/7', '£2.5m', '50%', '1,000',
  'children’s', "council's", 'O’Neill', "rock'n'roll", '’tis', 'don’t',
  LONG, LONG.replace('micro', 'mikro'), LONG.slice(0, 30), 'a'.repeat(60), 'a'.repeat(59) + 'b', 'antidisestablishmentarianism', 'antidisestablishmentarianisms',
  'council', 'councils', 'counsil', 'councel', 'cuncil', 'councillor', 'counselling', 'counter', 'country', 'county', 'cou',
  'inspection', 'inspecton', 'inspections', 'inspector', 'Nottinghamshire', 'Nottinghamshre', 'Nottinghampshire', 'recycling', 'recyclng',
  'plan', 'plann', 'planning', 'planner', 'plans', 'plant', 'plantation', 'planet', 'plane', 'planes',
  'Жуков', 'жуков', 'ΟΔΟΣ', 'οδος', '東京', '😀', 'Ørsted', 'Orsted',
  'the', 'of', 'and', 'is', 'it', 'a', 's', 't',
  'zebra', 'zebras', 'zeal', 'zero', 'xylophone', 'quango', 'quangos', 'rates', 'dates', 'gates', 'grates',
];
const MARKUP = ['**bold**word', '[link text](https://example.org/a-b)', '`code`', '__under__line', '~~gone~~', '<b>html</b>', '![image](x.png)', '&amp;', '&nbsp;', '1. item'];
const NAMES = ['Zoë Ørsted', 'Laura Sharman', 'Seán O’Neill', 'Jürgen Straße', 'Priya Patel'];

function oddText(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    parts.push(r < 0.08 ? pick(MARKUP) : r < 0.12 ? pick(['.', ',', ' —', '!', '?', ';']) : pick(ODD_WORDS));
    if (rand() < 0.05) parts.push('\n\n');
  }
  return parts.join(' ');
}

/** Tag and place names must make a slug: letters and digits only. */
const NAMEABLE = ODD_WORDS.filter((word) => /^[\p{L}\p{N}]+$/u.test(word) && !/[ΟΔΣ😀東]/u.test(word));

function oddArticle(i: number): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(oddText(int(1, 8)).replace(/\n/g, ' ').trim() || 'Untitled')}`,
    `date: 20${int(10, 25)}-0${int(1, 9)}-1${int(0, 9)}T09:00`,
  ];
  if (rand() < 0.6) lines.push(`summary: ${JSON.stringify(oddText(int(3, 20)).replace(/\n/g, ' ').trim() || 'Summary')}`);
  if (rand() < 0.7) lines.push(`tags: [${Array.from({ length: int(1, 3) }, () => JSON.stringify(pick(NAMEABLE))).join(', ')}]`);
  if (rand() < 0.5) lines.push(`places: [${Array.from({ length: int(1, 2) }, () => JSON.stringify(pick(NAMEABLE))).join(', ')}]`);
  if (rand() < 0.7) lines.push(`author: ${JSON.stringify(pick(NAMES))}`);
  lines.push('---');
  // A few bodies run past the index's 1,000-word cap.
  const body = oddText(i % 40 === 0 ? 1300 : int(0, 300)) || 'Empty.';
  return `${lines.join('\n')}\n${body}\n`;
}

let dir: string;
let articles: Article[];
let reference: MiniSearchReference;
let index: ArticleIndex;
let background: ArticleIndex;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'compact-index-'));
  await writeCorpus({ articles: 1500, jobs: 0, seed: 11, base: '2026-06-30', out: dir });
  await Promise.all(Array.from({ length: 300 }, (_, i) => writeFile(path.join(dir, 'articles', `odd-${i + 1}.md`), oddArticle(i))));
  articles = [...(await loadContent(dir)).articles];
  reference = MiniSearchReference.build(articles);
  index = ArticleIndex.build(articles);
  background = await ArticleIndex.buildInBackground(articles, {}, 97);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A word with one random edit: a letter changed, dropped, added or two swapped. */
function typo(word: string): string {
  const at = int(0, Math.max(0, word.length - 1));
  switch (int(0, 3)) {
    case 0:
      return word.slice(0, at) + pick([...'aeiourstn']) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + pick([...'aeiourstn']) + word.slice(at);
    default:
      return word.slice(0, at) + word.slice(at + 1, at + 2) + word.slice(at, at + 1) + word.slice(at + 2);
  }
}

function queries(): string[] {
  const corpusWords = articles
    .slice(0, 400)
    .flatMap((article) => article.title.split(/\s+/))
    .filter((word) => word.length > 2);
  const word = () => (rand() < 0.5 ? pick(ODD_WORDS) : pick(corpusWords));
  const list = [
    'Sandwell', 'Birmingham City Council', 'children’s services', 'counc', 'plann', 'Nottinghamshre', 'recyclng', 'café', '2024', 'the',
    'council council', 'council councils counc', 'plan plan', 'cou', 'co', LONG, LONG.slice(0, 12), 'a'.repeat(61), '4294967295 2024 0',
    'Жуков', 'οδος', '東京', '😀', '', 'xylophone zebra', 'social care budget',
  ];
  for (let i = 0; i < 60; i++) list.push(word());
  for (let i = 0; i < 40; i++) list.push(Array.from({ length: int(2, 4) }, word).join(' '));
  for (let i = 0; i < 40; i++) {
    const w = word();
    list.push(w.slice(0, int(3, Math.max(3, w.length - 1))));
  }
  for (let i = 0; i < 30; i++) list.push(`${word()} ${word().slice(0, int(3, 6))}`);
  for (let i = 0; i < 60; i++) list.push(typo(word()));
  for (let i = 0; i < 20; i++) list.push(`${word()} ${typo(word())}`);
  return list;
}

/** Same hits, same order (hits with equal scores in any order), same scores to 1e-9 relative, same terms (as sets). */
function expectSame(actual: IndexHit[], expected: IndexHit[], label: string): void {
  expect(differences(actual, expected), label).toEqual([]);
}

/** What differs between two hit lists (empty when they are the same, as `expectSame` means it). */
function differences(actual: IndexHit[], expected: IndexHit[]): string[] {
  if (actual.length !== expected.length) return [`${actual.length} hits, expected ${expected.length}`];
  const problems: string[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  for (let k = 0; k < expected.length; k++) {
    if (!close(actual[k]!.score, expected[k]!.score)) problems.push(`score at ${k}: ${actual[k]!.score}, expected ${expected[k]!.score}`);
  }
  // Runs of equal scores are compared as sets.
  for (let start = 0; start < expected.length; ) {
    let end = start + 1;
    while (end < expected.length && close(expected[end]!.score, expected[start]!.score)) end++;
    const ids = (hits: IndexHit[]) => hits.slice(start, end).map((hit) => hit.id).sort((a, b) => a - b).join();
    if (ids(actual) !== ids(expected)) problems.push(`hits ${start}–${end - 1}: ${ids(actual)}, expected ${ids(expected)}`);
    start = end;
  }
  const termsOf = new Map(expected.map((hit) => [hit.id, [...hit.terms].sort().join()]));
  for (const hit of actual) {
    const terms = [...hit.terms].sort().join();
    if (terms !== termsOf.get(hit.id)) problems.push(`terms of ${hit.slug}: ${terms}, expected ${termsOf.get(hit.id)}`);
    if (hit.slug !== articles[hit.id]!.slug) problems.push(`slug of ${hit.id}: ${hit.slug}`);
  }
  return problems.slice(0, 5);
}

describe('compact article index', () => {
  it('indexes the generated and the odd articles', () => {
    expect(articles.length).toBeGreaterThan(1700);
    expect(index.size).toBe(articles.length);
  });

  it('finds what MiniSearch finds, in the same order, with the same scores and terms', () => {
    let compared = 0;
    let withHits = 0;
    let exactOrder = 0;
    for (const query of queries()) {
      for (const combineWith of ['all', 'any'] as const) {
        for (const typos of [false, true]) {
          const expected = reference.search(query, combineWith, typos);
          const label = `${JSON.stringify(query)} ${combineWith}${typos ? ' typos' : ''}`;
          const actual = index.search(query, combineWith, typos);
          expectSame(actual, expected, label);
          expectSame(background.search(query, combineWith, typos), expected, `${label} (background build)`);
          compared++;
          if (expected.length) withHits++;
          if (actual.every((hit, k) => hit.id === expected[k]!.id)) exactOrder++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(withHits).toBeGreaterThan(compared * 0.6);
    // Ties aside, the order is MiniSearch's own: nearly every list matches position by position.
    expect(exactOrder).toBeGreaterThan(compared * 0.95);
  });

  it('matches MiniSearch with whole bodies too', () => {
    const whole = ArticleIndex.build(articles, { maxBodyWords: Infinity });
    const wholeReference = MiniSearchReference.build(articles, Infinity);
    for (const query of [LONG, 'zebra', 'plann', 'counsil', 'quango rates']) {
      expectSame(whole.search(query, 'any', true), wholeReference.search(query, 'any', true), query);
    }
  });

  it('returns nothing for queries with no index terms', () => {
    for (const query of ['', 'the of and', '!!!', '😀']) expect(index.search(query, 'any', true)).toEqual(reference.search(query, 'any', true));
  });
});
