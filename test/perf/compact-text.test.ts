/**
 * Articles hold their Markdown compactly (issue 10): reading `body` and
 * `text` still gives exactly what the file says, however often they are read.
 */
import { describe, expect, it } from 'vitest';
import { withCompactBody } from '../../src/content/compact-text.js';
import { markdownToText } from '../../src/content/markdown.js';
import { parseContentFile } from '../../src/content/parse.js';
import { DEFAULT_SITE } from '../../src/content/site.js';

const BODY = 'Sandwell’s **children’s services** – a £1.5m plan.\n\n## Next\n\nThe [report](https://example.org) said “no”.\n';
const FILE = `---\ntitle: “Council’s plan” for £1.5m\ndate: 2016-06-10\ntags: [children’s services, Ofsted]\n---\n${BODY}`;

describe('compact article bodies', () => {
  it('gives back the body and its plain text, as strings, every time', () => {
    const record = withCompactBody({ slug: 'x' }, BODY);
    expect(record.body).toBe(BODY);
    expect(record.text).toBe(markdownToText(BODY));
    expect(record.body).toBe(BODY);
    expect(record.text).toBe(markdownToText(BODY));
  });

  it('keeps body and text visible to spreads, JSON and equality', () => {
    const record = withCompactBody({ slug: 'x' }, BODY);
    expect({ ...record }).toEqual({ slug: 'x', body: BODY, text: markdownToText(BODY), readingMinutes: 1 });
    expect(JSON.parse(JSON.stringify(record)).body).toBe(BODY);
  });

  it('parses an article whose fields and body read as the file says', () => {
    const { record, problems } = parseContentFile('article', 'articles/plan.md', FILE, DEFAULT_SITE);
    expect(problems).toEqual([]);
    expect(record?.kind).toBe('article');
    const article = record as Extract<typeof record, { kind: 'article' }>;
    expect(article.title).toBe('“Council’s plan” for £1.5m');
    expect(article.tags.map((tag) => tag.name)).toEqual(['children’s services', 'Ofsted']);
    expect(article.body).toBe(BODY);
    expect(article.text).toContain('Sandwell’s children’s services – a £1.5m plan.');
    expect(article.readingMinutes).toBe(1);
  });

  it('counts reading time from the body when asked, at 230 words a minute', () => {
    const words = (count: number) => `${Array.from({ length: count }, (_, i) => `word${i}`).join(' ')}\n`;
    for (const [count, minutes] of [[100, 1], [600, 3], [1000, 4]] as const) {
      const { record } = parseContentFile('article', 'articles/long.md', `---\ntitle: Long\ndate: 2016-06-10\n---\n${words(count)}`, DEFAULT_SITE);
      expect((record as { readingMinutes: number }).readingMinutes).toBe(minutes);
    }
  });
});
