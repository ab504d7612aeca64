import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/content/types.js';
import { FEED_SIZE, absoluteLinks, articleGuid, atomXml, rssXml, type FeedSpec } from '../../src/seo/feeds.js';
import { SITE, article, articles } from './support/records.js';
import { parseStrict, validateAtom } from './support/xml.js';

const NOW = new Date('2020-06-10T12:00:00Z');
const story = article('budget', new Date('2020-06-10T08:00:00Z'), {
  title: 'Budget & cuts ]]> <script>',
  updated: new Date('2020-06-10T10:30:00Z'),
  authors: [{ name: 'Asha Patel', slug: 'asha-patel' }, { name: 'Tom Reed', slug: 'tom-reed' }],
  tags: [{ name: 'council finance', slug: 'council-finance' }, { name: 'Budgets', slug: 'budgets' }],
  image: '/assets/budget.jpg',
  imageAlt: 'Civic hall',
});
const agency = article('agency', new Date('2020-06-09T08:00:00Z'), { publication: 'The Other Paper' });

function spec(list: readonly Article[], extra: Partial<FeedSpec> = {}): FeedSpec {
  return {
    site: SITE, title: SITE.name, description: SITE.description, path: '/', selfPath: '/feed.xml', articles: list, updated: NOW,
    bodyHtml: (a) => `<p>Body of ${a.slug}, see <a href="/news/other">this</a> and <img src="/assets/x.png" alt="x"> and <a href="//cdn.example.org/y">that</a>.</p>`,
    ...extra,
  };
}

describe('RSS 2.0', () => {
  const xml = rssXml(spec([story, agency]));
  const channel = parseStrict(xml, ['item', 'category', 'dc:creator']).rss.channel;

  it('parses strictly and has the channel elements RSS requires', () => {
    expect(channel).toMatchObject({ title: 'Memory News', link: 'https://memory.example.org/', description: 'Generated in memory.', language: 'en-gb' });
    expect(channel['atom:link']).toMatchObject({ '@href': 'https://memory.example.org/feed.xml', '@rel': 'self' });
    expect(channel.lastBuildDate).toBe('Wed, 10 Jun 2020 13:00:00 +0100');
  });

  it('gives each item title, absolute link, stable GUID, zoned date, summary, full content, authors and categories', () => {
    const item = channel.item[0];
    expect(item.title).toBe('Budget & cuts ]]> <script>');
    expect(item.link).toBe('https://memory.example.org/news/budget');
    expect(item.guid).toEqual({ '#text': 'tag:memory.example.org,2020-06-10:/news/budget', '@isPermaLink': 'false' });
    expect(item.pubDate).toBe('Wed, 10 Jun 2020 09:00:00 +0100');
    expect(item.description).toBe('Summary of budget.');
    expect(item['content:encoded']).toContain('<a href="https://memory.example.org/news/other">');
    expect(item['dc:creator']).toEqual(['Asha Patel', 'Tom Reed']);
    expect(item.category.map((c: Record<string, string>) => c['#text'])).toEqual(['council finance', 'Budgets']);
    expect(item['media:content']['@url']).toBe('https://memory.example.org/assets/budget.jpg');
  });

  it('credits agency copy to its publication', () => {
    expect(channel.item[1]['dc:creator']).toEqual(['The Other Paper']);
  });

  it(`carries the newest ${FEED_SIZE} articles`, () => {
    const many = parseStrict(rssXml(spec(articles(60, NOW))), ['item']).rss.channel.item;
    expect(many).toHaveLength(FEED_SIZE);
    expect(many[0].link).toBe('https://memory.example.org/news/story-0');
  });
});

describe('Atom 1.0', () => {
  const xml = atomXml(spec([story, agency], { selfPath: '/atom.xml' }));

  it('validates against the RFC 4287 RELAX NG schema', async () => {
    expect(await validateAtom(xml)).toEqual({ ok: true, output: '' });
  });

  it('is checked by a validator that does reject a bad feed', async () => {
    expect((await validateAtom(xml.replace(/<updated>[^<]*<\/updated>/, '<updated>yesterday</updated>'))).ok).toBe(false);
  });

  it('has feed id, self link, updated; entries with id, published/updated with zone, authors with URIs, categories, summary and content', () => {
    const feed = parseStrict(xml, ['entry', 'author', 'category', 'link']).feed;
    expect(feed.id).toBe('https://memory.example.org/atom.xml');
    expect(feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe('https://memory.example.org/atom.xml');
    expect(feed.updated).toBe('2020-06-10T13:00:00+01:00');
    const entry = feed.entry[0];
    expect(entry.id).toBe('tag:memory.example.org,2020-06-10:/news/budget');
    expect(entry.title['#text']).toBe('Budget & cuts ]]> <script>');
    expect(entry.title['@type']).toBe('text');
    expect(entry.published).toBe('2020-06-10T09:00:00+01:00');
    expect(entry.updated).toBe('2020-06-10T11:30:00+01:00');
    expect(entry.author).toEqual([{ name: 'Asha Patel', uri: 'https://memory.example.org/authors/asha-patel' }, { name: 'Tom Reed', uri: 'https://memory.example.org/authors/tom-reed' }]);
    expect(entry.category.map((c: Record<string, string>) => c['@label'])).toEqual(['council finance', 'Budgets']);
    expect(entry.summary['#text']).toBe('Summary of budget.');
    expect(entry.content['@type']).toBe('html');
  });
});

describe('GUIDs and links', () => {
  it('keeps the GUID when the title changes', () => {
    expect(articleGuid({ ...story, title: 'A corrected headline' }, SITE)).toBe(articleGuid(story, SITE));
  });

  it('makes root-relative links and images absolute, leaving absolute and protocol-relative ones alone', () => {
    expect(absoluteLinks('<a href="/news/x">x</a><img src="/assets/y.png"><a href="https://a.example/">a</a><a href="//b.example/">b</a>', SITE)).toBe(
      '<a href="https://memory.example.org/news/x">x</a><img src="https://memory.example.org/assets/y.png"><a href="https://a.example/">a</a><a href="//b.example/">b</a>',
    );
  });
});
