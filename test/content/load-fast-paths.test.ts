/**
 * The fast paths of loading give exactly what the general code gives: word
 * counts, plain text, first paragraphs, gray-matter's reading of a closed
 * block, zod's validation of plain front matter, and the blocking file read.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { listContentFiles, readContentFile, readContentFileSync } from '../../src/content/files.js';
import { blockYaml, isBlankYaml } from '../../src/content/front-matter.js';
import { firstParagraph, firstParagraphWithin, markdownToText, readingMinutesOfBytes } from '../../src/content/markdown-text.js';
import { DEFAULT_SITE } from '../../src/content/site.js';

/** Markdown-like text: words, markup, links, HTML, entities, blank lines. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', ' ', '\n', '\n\n', '\t', '\r\n', '  \n', '#', '# ', '## ', '*', '**', '_', '__', '-', '- ', '---', '>', '> ', '|', '`', '```', '```js\n', '~~', '1. ', '!', '[', ']', '(', ')', '<', '>', '<b>', '</b>', '<!--', '-->', '<script>', '</script>', '&amp;', '&nbsp;', '&', ';', '£', '’', 'é', '[a](b)', '![x](y.png)', '[ref]: http://x', '[a][b]'),
      fc.stringMatching(/^[A-Za-z0-9.,]{1,8}$/),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(''));

/** readingMinutesOfBytes as it was written before its table. */
function referenceWords(text: Uint8Array): number {
  let words = 0;
  let inWord = false;
  for (const code of text) {
    const separator = code === 32 || code === 10 || code === 9 || code === 13;
    if (separator) inWord = false;
    else if (!inWord && code !== 35 && code !== 42 && code !== 62 && code !== 45 && code !== 124) {
      words++;
      inWord = true;
    }
  }
  return Math.max(1, Math.round(words / 230));
}

/** markdownToText as it was written before it skipped steps: every step, always. */
function referenceText(markdown: string): string {
  const removeBetween = (text: string, open: RegExp, close: RegExp): string => {
    let result = '';
    let index = 0;
    for (;;) {
      open.lastIndex = index;
      const opener = open.exec(text);
      if (!opener) break;
      close.lastIndex = opener.index + opener[0].length;
      const closer = close.exec(text);
      if (!closer) break;
      result += `${text.slice(index, opener.index)} `;
      index = closer.index + closer[0].length;
    }
    return result + text.slice(index);
  };
  let stripped = removeBetween(markdown, /<!--/g, /-->/g);
  for (const name of ['script', 'style', 'iframe', 'svg', 'template', 'noscript']) stripped = removeBetween(stripped, new RegExp(`<${name}\\b`, 'gi'), new RegExp(`<\\/${name}\\s*>`, 'gi'));
  const entities: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
  return stripped
    .replace(/<[^<>]*>/g, ' ')
    .replace(/```[^`\n]*\n/g, '\n')
    .replace(/!\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, ' ')
    .replace(/\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
    .replace(/\[([^[\]]*)\]\[[^[\]]*\]/g, '$1')
    .replace(/^[ \t]{0,3}\[[^[\]\n]+\]:[ \t]*\S+.*$/gm, ' ')
    .replace(/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*([-*_]\s*){3,}$/gm, ' ')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\|/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => entities[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('plain text of Markdown', () => {
  it('counts words as the byte-by-byte count did, for any bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }), markdownish.map((text) => new Uint8Array(Buffer.from(text.repeat(40))))), (bytes) => {
        expect(readingMinutesOfBytes(bytes)).toBe(referenceWords(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('makes the same plain text as running every step', () => {
    fc.assert(
      fc.property(markdownish, (markdown) => {
        expect(markdownToText(markdown)).toBe(referenceText(markdown));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a first paragraph in the start of a body only when it is the whole body\'s', () => {
    let decided = 0;
    fc.assert(
      fc.property(markdownish, fc.nat(), (markdown, cut) => {
        const start = markdown.slice(0, cut % (markdown.length + 1));
        const found = firstParagraphWithin(start);
        if (found !== undefined) {
          decided++;
          expect(found).toBe(firstParagraph(markdown));
        }
      }),
      { numRuns: 2000 },
    );
    expect(decided).toBeGreaterThan(0);
    expect(firstParagraphWithin('# Heading\n\nFirst **words** here.\n\nMore')).toBe('First words here.');
    expect(firstParagraphWithin('# Heading\n\nFirst words, and more to come')).toBeUndefined();
  });
});

describe('a closed front-matter block', () => {
  const line = fc.oneof(fc.constantFrom('', ' ', '# a comment', '  # indented comment', 'title: A', 'tags: [a, b]', '---x', '----', '--- ', 'a: ---', '  - item', '#', '\r'), fc.stringMatching(/^[a-z]{1,6}: [A-Za-z #-]{0,12}$/));
  const block = fc.tuple(fc.constantFrom('', ' ', '\t', '  \r'), fc.array(line, { maxLength: 6 }), fc.constantFrom('', ' ', '\r')).map(([after, lines, close]) => `---${after}\n${lines.map((l) => `${l}\n`).join('')}---${close}\n`);

  it('hands the YAML engine what gray-matter hands it, and is blank when gray-matter finds it empty', () => {
    fc.assert(
      fc.property(block, (text) => {
        const given: string[] = [];
        const file = matter(text, { engines: { yaml: { parse: (yaml: string) => (given.push(yaml), {}), stringify: () => '' } } } as unknown as Parameters<typeof matter>[1]);
        const yaml = blockYaml(text);
        expect(yaml).toBe(file.matter);
        expect(isBlankYaml(yaml!)).toBe(given.length === 0);
        if (given.length) expect(given).toEqual([yaml]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readContentFileSync', () => {
  it('reads every fixture file as readContentFile does', async () => {
    for (const folder of ['site', 'broken', 'hostile', 'editors', 'search']) {
      const root = path.join(import.meta.dirname, '..', 'fixtures', folder);
      for (const file of await listContentFiles(root)) {
        expect(readContentFileSync(file, DEFAULT_SITE, { compact: false })).toEqual(await readContentFile(file, DEFAULT_SITE, { compact: false }));
      }
    }
  });

  it('skips a file that is not there or not a file, and refuses one too large, as readContentFile does', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'sync-read-'));
    mkdirSync(path.join(root, 'articles', 'folder.md'), { recursive: true });
    writeFileSync(path.join(root, 'articles', 'large.md'), `---\ntitle: Large\n---\n${'x'.repeat(2 * 1024 * 1024 + 1)}`);
    for (const name of ['missing.md', 'folder.md', 'large.md']) {
      const file = { kind: 'article' as const, path: path.join(root, 'articles', name) };
      expect(readContentFileSync(file, DEFAULT_SITE)).toEqual(await readContentFile(file, DEFAULT_SITE));
    }
    expect(readContentFileSync({ kind: 'article', path: path.join(root, 'articles', 'large.md') }, DEFAULT_SITE)?.problems[0]?.message).toMatch(/too large/);
  });
});
