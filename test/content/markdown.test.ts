import { describe, expect, it } from 'vitest';
import { firstParagraph, markdownToText, renderMarkdown, truncateText } from '../../src/content/markdown.js';

describe('renderMarkdown', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>Text', /<script|alert/i],
    ['a script tag in mixed case', '<ScRiPt>alert(1)</sCrIpT>', /<script|alert/i],
    ['an onerror handler', '<img src="x.png" onerror="alert(1)">', /onerror/i],
    ['an onclick handler', '<p onclick="alert(1)">x</p>', /onclick/i],
    ['a javascript: link in Markdown', '[click](javascript:alert(1))', /javascript:/i],
    ['a javascript: link in HTML with entities', '<a href="jav&#x61;script:alert(1)">x</a>', /href=/i],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['a form', '<form action="https://evil.example"><input name="q"></form>', /<form|<input/i],
    ['a style element and attribute', '<style>body{display:none}</style><p style="color:red">x</p>', /<style|style=/i],
    ['a data: image', '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', /data:/i],
    ['an svg with script', '<svg><script>alert(1)</script></svg>', /<svg|alert/i],
    ['an object', '<object data="x.swf"></object>', /<object/i],
  ])('removes %s', (_case, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('keeps headings (demoting h1), links, images, lists, tables and blockquotes', () => {
    const html = renderMarkdown(['# Title', '## Section', '[site](/news/x) and ![alt text](https://img.example.org/a.jpg)', '- one', '- two', '', '| a | b |', '|---|--:|', '| 1 | 2 |', '', '> quoted'].join('\n'));
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<h2>Section</h2>');
    expect(html).toContain('<a href="/news/x">site</a>');
    expect(html).toMatch(/<img src="https:\/\/img\.example\.org\/a\.jpg" alt="alt text" loading="lazy"/);
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>\s*<\/blockquote>/);
  });

  it('adds rel="noopener" to external links only', () => {
    expect(renderMarkdown('[out](https://example.org/x)')).toContain('<a href="https://example.org/x" rel="noopener">out</a>');
    expect(renderMarkdown('[in](/jobs)')).toContain('<a href="/jobs">in</a>');
  });
});

describe('plain text helpers', () => {
  it('strips markup to text', () => {
    expect(markdownToText('## Head\n\nSome **bold** and [a link](https://x.org) <b>html</b>.\n\n- item')).toBe('Head Some bold and a link html . item');
  });

  it('finds the first real paragraph', () => {
    expect(firstParagraph('# Heading\n\n![img](/a.jpg)\n\nThe *first* one.\n\nThe second.')).toBe('The first one.');
  });

  it('cuts at a word boundary', () => {
    expect(truncateText('one two three four', 12)).toBe('one two…');
    expect(truncateText('short', 12)).toBe('short');
  });
});
