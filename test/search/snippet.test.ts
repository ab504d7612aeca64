import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/content/types.js';
import { highlight, snippet, SNIPPET_WORDS, type Segment } from '../../src/search/snippet.js';
import { indexTerms } from '../../src/search/text.js';

const terms = (query: string) => new Set(indexTerms(query));
const marked = (segments: Segment[]) => segments.filter((s) => s.highlighted).map((s) => s.text);
const plain = (segments: Segment[]) => segments.map((s) => s.text).join('');

function article(fields: Partial<Article>): Article {
  return { slug: 'x', title: 'Title', summary: '', hasStandfirst: false, text: '', date: new Date(0), tags: [], places: [], authors: [], ...fields } as Article;
}

describe('highlight', () => {
  it('marks the words whose stem matched, keeping the text as written', () => {
    const segments = highlight('Ofsted inspections: Inspectors return to Café Nero', terms('inspection cafe'));
    expect(marked(segments)).toEqual(['inspections', 'Café']);
    expect(plain(segments)).toBe('Ofsted inspections: Inspectors return to Café Nero');
  });

  it('leaves HTML in the text as text, for the template to escape', () => {
    const segments = highlight('<script>alert(1)</script> "><img onerror=x>', terms('script img'));
    expect(plain(segments)).toBe('<script>alert(1)</script> "><img onerror=x>');
    expect(marked(segments)).toEqual(['script', 'script', 'img']);
  });

  it('has no highlight when nothing matched', () => {
    expect(highlight('Nothing here', terms('zebra'))).toEqual([{ text: 'Nothing here', highlighted: false }]);
  });
});

describe('snippet', () => {
  const filler = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

  it('shows the window around the matches, with ellipses where it was cut', () => {
    const text = `${filler(60)} the inspection found errors in the accounts. ${filler(60, 'tail')}`;
    const segments = snippet(article({ text }), terms('inspection accounts'));
    expect(marked(segments)).toEqual(['inspection', 'accounts']);
    expect(segments[0]!.text.startsWith('… ')).toBe(true);
    expect(segments.at(-1)!.text.endsWith(' …')).toBe(true);
    const wordCount = plain(segments).replace(/…/g, '').trim().split(/\s+/).length;
    expect(wordCount).toBeLessThanOrEqual(SNIPPET_WORDS);
  });

  it('finds the passage in a long body, cut at words on both sides', () => {
    const text = `${filler(400)} the county inspection found errors. ${filler(400, 'tail')}`;
    const segments = snippet(article({ text }), terms('county inspection'));
    expect(marked(segments)).toEqual(['county', 'inspection']);
    expect(segments[0]!.text).toMatch(/^… filler\d+ /);
    expect(segments.at(-1)!.text).toMatch(/ tail\d+ …$/);
    expect(plain(segments).replace(/…/g, '').trim().split(/\s+/).length).toBeLessThanOrEqual(SNIPPET_WORDS);
  });

  it('prefers the passage with more of the different words', () => {
    const text = `council council council ${filler(50)} council budget deficit ${filler(50)}`;
    expect(new Set(marked(snippet(article({ text }), terms('council budget deficit'))))).toEqual(new Set(['council', 'budget', 'deficit']));
  });

  it('keeps a short text whole, punctuation included', () => {
    expect(plain(snippet(article({ text: 'Crews fixed the potholes.' }), terms('pothole')))).toBe('Crews fixed the potholes.');
  });

  it('uses the standfirst when it matches better than the body', () => {
    const segments = snippet(article({ hasStandfirst: true, summary: 'Zebra crossings for Leeds.', text: 'Nothing relevant here.' }), terms('zebra leeds'));
    expect(plain(segments)).toBe('Zebra crossings for Leeds.');
  });

  it('falls back to the summary when a long body has no word like the matched ones (the match was in the tags)', () => {
    const segments = snippet(article({ summary: 'A summary.', text: filler(500) }), terms('west midlands'));
    expect(segments).toEqual([{ text: 'A summary.', highlighted: false }]);
  });

  it('falls back to the start of the summary, unhighlighted, when only the title matched', () => {
    const segments = snippet(article({ summary: 'A summary.', text: 'A summary. More text.' }), terms('zebra'));
    expect(segments).toEqual([{ text: 'A summary.', highlighted: false }]);
  });
});
