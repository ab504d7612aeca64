import fc from 'fast-check';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { markdownToText } from '../../src/content/markdown.js';
import type { Article } from '../../src/content/types.js';
import { ArticleIndex } from '../../src/search/article-index.js';
import { TermCounter } from '../../src/search/term-counter.js';
import { indexTerm, words } from '../../src/search/text.js';
import { FIXTURES } from '../support/app.js';
import { SEARCH_FIXTURE } from './support.js';

/** What the index should hold for a text: its words' terms, counted (the slow, obviously right way). */
function expectedCounts(text: string, maxWords = Infinity): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const word of words(text).slice(0, maxWords)) {
    const term = indexTerm(word);
    if (term) counts[term] = (counts[term] ?? 0) + 1;
  }
  return counts;
}

const counter = new TermCounter();
function drained(): Record<string, number> {
  const counts: Record<string, number> = {};
  counter.drain(Infinity, (termId, count) => (counts[counter.terms[termId]!] = count));
  return counts;
}
function textCounts(text: string, maxWords?: number): Record<string, number> {
  counter.addText(text, maxWords);
  return drained();
}
/** The counts from the Markdown source, or null when the counter leaves that Markdown to the plain text. */
function markdownCounts(markdown: string, maxWords?: number): Record<string, number> | null {
  const read = counter.addMarkdown(markdown, maxWords);
  const counts = drained();
  return read ? counts : null;
}

describe('TermCounter: plain text', () => {
  it.each([
    "Children's services — £2.5m 😀 Sandwell/Oldbury",
    'Café ZOË Straße Øresund ﬁnance e\u0301cole İstanbul',
    'Жуков 😀 Ørsted the of and THE',
    'ΟΔΟΣ οδος', // a capital sigma lower-cases by context: read the slow way
    '',
  ])('counts the words words() finds in %j', (text) => {
    expect(textCounts(text)).toEqual(expectedCounts(text));
  });

  it('counts the same words as words() in any text', () => {
    const piece = fc.constantFrom('Council', 'council', 'COUNCILS', 'café', 'CAFÉ', 'Straße', 'e\u0301', '’s', '£4m', '2024', 'the', 'ﬁ', 'ΟΔΟΣ', '😀', ' ', '-', '\n', 'İ', 'ǅ', 'K');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(textCounts(text)).toEqual(expectedCounts(text));
      }),
      { numRuns: 300 },
    );
  });

  it('stops after maxWords words, stop words included', () => {
    expect(textCounts('the council budget rises again', 3)).toEqual({ council: 1, budget: 1 });
  });
});

describe('TermCounter: Markdown bodies', () => {
  it('counts what the plain text has: link text but not URLs, joined emphasis, no list numbers, entities as spaces', () => {
    const markdown = '1. The [latest figures](https://gov.uk/a_(b)/stats) show **3737** cases\n2) in Le**eds**\n\nQ&amp;A `code` 3. not a list &nbsp;end';
    expect(markdownCounts(markdown)).toEqual(expectedCounts(markdownToText(markdown)));
    expect(markdownCounts(markdown)).not.toHaveProperty('https');
    expect(markdownCounts(markdown)).toHaveProperty('leed');
  });

  it.each(['<b>bold</b> text', 'An ![image](x.png) here', '```js\ncode\n```', 'A [link][ref] here', '[ref]: https://example.com', 'ΟΔΟΣ'])(
    'leaves %j to the plain text',
    (markdown) => {
      expect(markdownCounts(markdown)).toBeNull();
    },
  );

  it('counts every fixture body as its plain text has it', async () => {
    const snapshots = await Promise.all([loadContent(SEARCH_FIXTURE), loadContent(path.join(FIXTURES, 'site'))]);
    const bodies = snapshots.flatMap((snapshot) => snapshot.articles.map((article) => article.body));
    let read = 0;
    for (const body of bodies) {
      const counts = markdownCounts(body);
      if (!counts) continue;
      read++;
      expect(counts).toEqual(expectedCounts(markdownToText(body)));
    }
    expect(read).toBeGreaterThan(bodies.length / 2);
  });

  it('counts the same words as markdownToText keeps, for generated Markdown', () => {
    const piece = fc.constantFrom(
      'Council', 'tax', 'café', 'CAFÉ', '’s', '£4m', '2024', 'the', ' ', '  ', '\n', '\n\n', '1. ', '12) ', '- ', '* ', '# ', '> ',
      '**', '__', '~~', '~', '`', '*', '_', '|', '(', ')', '[', ']', '[text](http://x.y/a_(b))', '[Leeds](', '](', '[a b]', '&amp;', '&nbsp;', '&', 'e\u0301',
      '\t', '\r\n', '\u00a0', '   ', '1.', '7', '#', '>', '+', '\u2028', '[x](y', 'a(b)c', '((', '))',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const markdown = pieces.join('');
        const counts = markdownCounts(markdown);
        if (counts) expect(counts).toEqual(expectedCounts(markdownToText(markdown)));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a list number whose fate depends on what is around it to the plain text', () => {
    // After a line holding only a marker, or right after link markup (removed first, which can bring it to a line's start).
    expect(markdownCounts('* \n 1. x')).toBeNull();
    expect(markdownCounts('[]()1. x')).toBeNull();
    expect(markdownCounts('[12) ]()')).toBeNull();
    expect(markdownCounts('*\n1. x')).toEqual(expectedCounts(markdownToText('*\n1. x')));
  });

  it('stops after maxWords words of the plain text', () => {
    expect(markdownCounts('**The** [county](http://x) council budget', 3)).toEqual({ counti: 1, council: 1 });
  });
});

describe('ArticleIndex build', () => {
  let articles: Article[];
  beforeAll(async () => {
    articles = [...(await loadContent(SEARCH_FIXTURE)).articles];
  });

  it('indexes only the first maxBodyWords words of a body, and the headline whole', () => {
    // "inspection" is in one headline and deep in another article's body.
    const slugs = (index: ArticleIndex) => index.search('inspection', 'all').map((hit) => hit.slug);
    const capped = slugs(ArticleIndex.build(articles, { maxBodyWords: 3 }));
    expect(capped).toContain('ofsted-inspection-leeds');
    expect(capped).not.toContain('budget-round-up');
    const whole = slugs(ArticleIndex.build(articles, { maxBodyWords: Infinity }));
    expect(whole).toContain('ofsted-inspection-leeds');
    expect(whole).toContain('budget-round-up');
  });

  it('gives the same results whether the terms go straight into MiniSearch or through its serialised form, blocking or in the background', async () => {
    const queries = ['inspection', 'social care', 'cafe', 'Northumb', 'pothole zebra', 'Laura Sharman', 'bulletin', '2016'];
    const results = (index: ArticleIndex) => queries.flatMap((query) => [index.search(query, 'all', true), index.search(query, 'any')]);
    const reference = results(ArticleIndex.build(articles, { serialised: true }));
    expect(reference.flat().length).toBeGreaterThan(20);
    expect(results(ArticleIndex.build(articles))).toEqual(reference);
    expect(results(await ArticleIndex.buildInBackground(articles))).toEqual(reference);
    expect(results(await ArticleIndex.buildInBackground(articles, { serialised: true }))).toEqual(reference);
  });

  it('lets requests in between articles that are slow to count, in the background, however many fit a step', async () => {
    // Each body takes 12 ms to read (a slow disk, say): more than a step may last, so every article is a step of its own.
    const slow = articles.slice(0, 12).map((article) => {
      const body = article.body;
      return Object.defineProperty({ ...article }, 'body', {
        get: () => {
          const until = performance.now() + 12;
          while (performance.now() < until);
          return body;
        },
      }) as Article;
    });
    let turns = 0;
    let building = true;
    const other = async () => {
      while (building) await new Promise((resolve) => setImmediate(() => resolve(turns++)));
    };
    const waiting = other();
    const index = await ArticleIndex.buildInBackground(slow, {}, 1000);
    building = false;
    await waiting;
    expect(slow.length).toBeGreaterThanOrEqual(10);
    expect(index.slugs).toEqual(slow.map((article) => article.slug));
    // A turn between every two articles (the laying out of the postings adds a few more).
    expect(turns).toBeGreaterThanOrEqual(slow.length);
  });
});

