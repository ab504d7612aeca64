import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentSnapshot } from '../../src/content/snapshot.js';
import { buildSnapshot } from '../../src/content/snapshot.js';
import { ArticleIndex } from '../../src/search/article-index.js';
import { createArticleSearch, type ArticleSearch } from '../../src/search/article-search.js';
import { byRank, recencyFactor } from '../../src/search/ranking.js';
import { searchSnapshot, viewAt } from './support.js';

let snapshot: ContentSnapshot;
let search: ArticleSearch;
beforeAll(async () => {
  snapshot = await searchSnapshot();
  search = createArticleSearch();
});

async function slugs(query: string, view = viewAt(snapshot)): Promise<string[]> {
  return (await search.search(view, query)).hits.map((hit) => hit.article.slug);
}

describe('article search ranking', () => {
  it('ranks a title match above a body match, even when the body match is newer', async () => {
    expect(await slugs('inspection')).toEqual(['ofsted-inspection-leeds', 'budget-round-up']);
  });

  it('stems: "inspections" and "inspected" find "inspection"', async () => {
    expect(await slugs('inspections')).toEqual(['ofsted-inspection-leeds', 'budget-round-up']);
    expect(await slugs('inspected')).toContain('ofsted-inspection-leeds');
  });

  it('forgives a typo', async () => {
    expect(await slugs('Northumbrland')).toEqual(['northumberland-bus-cuts']);
    expect(await slugs('inspecton')).toContain('ofsted-inspection-leeds');
  });

  it('matches the start of a word', async () => {
    expect(await slugs('Northumb')).toEqual(['northumberland-bus-cuts']);
  });

  it('matches the start of the last word, the one still being typed, after whole words', async () => {
    expect(await slugs('bus Northumb')).toEqual(['northumberland-bus-cuts']);
  });

  it('looks for typos only when asked; the search asks when the words as typed find little', () => {
    const index = ArticleIndex.build(snapshot.articles);
    expect(index.search('Northumbrland', 'all')).toEqual([]);
    expect(index.search('Northumbrland', 'all', true).map((hit) => hit.slug)).toEqual(['northumberland-bus-cuts']);
  });

  it('folds accents both ways: "cafe" finds "Café" and "café" finds "Cafe"', async () => {
    const plain = await slugs('cafe');
    const accented = await slugs('CAFÉ');
    expect(plain.sort()).toEqual(['cafe-culture-bolton', 'cafe-owners-rates']);
    expect(accented.sort()).toEqual(plain);
  });

  it('prefers the newer of two equally good matches', async () => {
    expect(await slugs('pothole repairs')).toEqual(['pothole-repairs-2024', 'pothole-repairs-2020']);
  });

  it('boosts the words of a multi-word query standing together', async () => {
    // Both headlines have "social" and "care"; only the older one has them side by side.
    expect((await slugs('social care')).slice(0, 2)).toEqual(['social-care-reform', 'care-home-social-club']);
    // Reversed, neither has the phrase: the newer comes first.
    expect((await slugs('care social')).slice(0, 2)).toEqual(['care-home-social-club', 'social-care-reform']);
  });

  it('searches tags, places and authors too', async () => {
    expect(await slugs('West Yorkshire')).toEqual(['ofsted-inspection-leeds']);
    expect(await slugs('Laura Sharman')).toEqual(['ofsted-inspection-leeds']);
    expect(await slugs('business rates')).toEqual(['cafe-owners-rates']);
  });

  it('falls back to any of the words when no article has all of them, and says so', async () => {
    const result = await search.search(viewAt(snapshot), 'pothole zebra');
    expect(result.allWords).toBe(false);
    expect(result.hits.map((hit) => hit.article.slug).sort()).toEqual(['hostile-search', 'pothole-repairs-2020', 'pothole-repairs-2024']);
    expect((await search.search(viewAt(snapshot), 'pothole')).allWords).toBe(true);
  });

  it('reports a query with nothing searchable as empty', async () => {
    expect(await search.search(viewAt(snapshot), 'the of 😀 !!!')).toEqual({ hits: [], allWords: true, empty: true });
  });

  it('never shows drafts or scheduled articles, shows scheduled ones once their time comes, and both in preview', async () => {
    expect(await slugs('inspection')).not.toContain('scheduled-inspection');
    expect(await slugs('inspection')).not.toContain('draft-inspection');
    expect(await slugs('inspection', viewAt(snapshot, new Date('2024-07-02T00:00:00Z')))).toContain('scheduled-inspection');
    const preview = await slugs('inspection', viewAt(snapshot, undefined, true));
    expect(preview).toContain('scheduled-inspection');
    expect(preview).toContain('draft-inspection');
  });

  it('answers from the previous index while a new snapshot is indexed, dropping articles that are gone', async () => {
    const own = createArticleSearch();
    await own.warm(snapshot);
    const smaller = buildSnapshot({
      site: snapshot.site,
      records: snapshot.articles.filter((article) => article.slug !== 'budget-round-up'),
      problems: [],
      fingerprints: ['smaller'],
      loadedAt: snapshot.loadedAt,
    });
    const during = await own.search(viewAt(smaller), 'inspection');
    expect(during.hits.map((hit) => hit.article.slug)).toEqual(['ofsted-inspection-leeds']);
    // The hit is the new snapshot's record, not the old one.
    expect(during.hits[0]!.article).toBe(smaller.articleBySlug.get('ofsted-inspection-leeds'));
    await own.warm(smaller);
    expect((await own.search(viewAt(smaller), 'inspection')).hits.map((hit) => hit.article.slug)).toEqual(['ofsted-inspection-leeds']);
  });

  it('builds one index per snapshot', async () => {
    const a = createArticleSearch();
    const b = createArticleSearch();
    expect(await a.warm(snapshot)).toBe(await b.warm(snapshot));
  });
});

describe('ranking helpers', () => {
  const now = new Date('2024-06-15T00:00:00Z');

  it('gives newer articles a small, bounded boost', () => {
    const fresh = recencyFactor(now, now);
    const yearOld = recencyFactor(new Date('2023-06-15T00:00:00Z'), now);
    const ancient = recencyFactor(new Date('2000-01-01T00:00:00Z'), now);
    expect(fresh).toBeCloseTo(1.1);
    expect(yearOld).toBeLessThan(fresh);
    expect(ancient).toBeLessThan(yearOld);
    expect(ancient).toBeGreaterThanOrEqual(1);
    expect(recencyFactor(new Date('2030-01-01T00:00:00Z'), now)).toBeCloseTo(1.1);
  });

  it('breaks score ties by date, then slug', () => {
    const article = (slug: string, date: string) => ({ slug, date: new Date(date) }) as never;
    const hits = [
      { article: article('b', '2020-01-01'), score: 1, terms: [] },
      { article: article('a', '2020-01-01'), score: 1, terms: [] },
      { article: article('c', '2021-01-01'), score: 1, terms: [] },
    ];
    expect(hits.sort(byRank).map((hit) => (hit.article as { slug: string }).slug)).toEqual(['c', 'a', 'b']);
  });
});
