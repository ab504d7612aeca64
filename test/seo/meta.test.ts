import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_LENGTH, feedLinks, pageMeta } from '../../src/seo/meta.js';
import { SITE } from './support/records.js';

describe('meta description', () => {
  it('is at most 160 characters, cut at a word with an ellipsis', () => {
    const words = fc.array(fc.stringMatching(/^[a-zA-Z,.'’-]{1,14}$/), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(words, (list) => {
        const text = list.join(' ');
        const { description } = pageMeta({ site: SITE, path: '/x', description: text });
        expect(description.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
        if (text.length <= DESCRIPTION_LENGTH) {
          expect(description).toBe(text);
          return;
        }
        expect(description.endsWith('…')).toBe(true);
        const kept = description.slice(0, -1);
        // Cut where a word ends (unless one word is longer than half the limit).
        const longWord = list.some((word) => word.length > DESCRIPTION_LENGTH / 2);
        if (!longWord) expect(text.startsWith(kept) && /[\s,;:.–—-]/.test(text.charAt(kept.length) || ' ')).toBe(true);
      }),
    );
  });
});

describe('page meta', () => {
  it('builds an absolute canonical from the path, unless an absolute canonical is given', () => {
    expect(pageMeta({ site: SITE, path: '/news/x' }).canonical).toBe('https://memory.example.org/news/x');
    expect(pageMeta({ site: SITE, path: '/news/x', canonical: 'https://other.example.com/original' }).canonical).toBe('https://other.example.com/original');
  });

  it('titles the page "title · site" and the social cards with the title alone', () => {
    expect(pageMeta({ site: SITE, path: '/news/x', title: 'A story' })).toMatchObject({ title: 'A story · Memory News', socialTitle: 'A story', locale: 'en_GB' });
  });

  it('advertises the site feeds everywhere, and a tag’s own feed on its pages', () => {
    expect(feedLinks(SITE, '/news/x').map((feed) => feed.href)).toEqual(['https://memory.example.org/feed.xml', 'https://memory.example.org/atom.xml']);
    const tagFeeds = feedLinks(SITE, '/tags/council-finance/page/2', 'council finance, page 2');
    expect(tagFeeds[2]).toEqual({ type: 'application/rss+xml', title: 'Memory News: council finance (RSS)', href: 'https://memory.example.org/tags/council-finance/feed.xml' });
  });
});
