import { describe, expect, it } from 'vitest';
import { cleanSearchText, foldText, indexTerm, indexTerms, MAX_QUERY_LENGTH, words } from '../../src/search/text.js';

describe('text analysis', () => {
  it.each([
    ['Café', 'cafe'],
    ['ZOË', 'zoe'],
    ['Straße', 'strasse'],
    ['Øresund', 'oresund'],
    ['ﬁnance', 'finance'],
    ['plain ascii', 'plain ascii'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('splits words on punctuation, symbols and emoji', () => {
    expect(words("Children's services — £2.5m 😀 Sandwell/Oldbury")).toEqual(['children', 's', 'services', '2', '5m', 'sandwell', 'oldbury']);
  });

  it.each([
    ['inspections', 'inspect'],
    ['inspection', 'inspect'],
    ['inspected', 'inspect'],
    ['councils', 'council'],
    ['2016', '2016'],
  ])('stems %s to %s', (word, stem) => {
    expect(indexTerm(word)).toBe(stem);
  });

  it('drops stop words', () => {
    expect(indexTerms('The council of the year')).toEqual(['council', 'year']);
  });
});

describe('cleanSearchText', () => {
  it.each([
    ['  council   tax  ', 'council tax'],
    ['council\u0000\u0007tax', 'council tax'],
    ['\u202Ecouncil\u200F tax\u200B', 'council tax'],
    ['cafe\u0301', 'caf\u00e9'],
    ['lone \uD800 surrogate \uDC00 here', 'lone surrogate here'],
    ['emoji 😀 stays', 'emoji 😀 stays'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('cleans %j', (raw, clean) => {
    expect(cleanSearchText(raw)).toEqual({ text: clean, truncated: false });
  });

  it('cuts long text at the limit, by characters not code units', () => {
    const long = '😀'.repeat(MAX_QUERY_LENGTH + 50);
    const result = cleanSearchText(long);
    expect(result.truncated).toBe(true);
    expect(Array.from(result.text)).toHaveLength(MAX_QUERY_LENGTH);
    expect(result.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('folding edge cases', () => {
  it.each([
    ['e\u0301cole', ['ecole']],
    ['children’s “services”', ['children', 's', 'services']],
    ['£2m—cuts', ['2m', 'cuts']],
    ['Жуков 😀 Ørsted', ['жуков', 'orsted']],
  ])('words(%j)', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});
