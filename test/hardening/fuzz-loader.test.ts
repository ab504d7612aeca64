/**
 * Hostile files: the loader fuzzed with random and mutated Markdown/YAML
 * (fast-check). It never throws, never hangs (YAML alias bombs are bounded,
 * and the text pipeline is linear on pathological input), never takes down
 * a good file next to bad ones, never pollutes prototypes, and refuses files
 * over the size limit with a clear message.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { renderMarkdown } from '../../src/content/markdown.js';
import { MAX_FILE_BYTES, parseContentFile, type ContentKind } from '../../src/content/parse.js';
import { parseSiteSettings } from '../../src/content/site.js';
import { FIXTURES } from '../support/app.js';

const SITE = parseSiteSettings('site.yaml', undefined).site;
const KINDS: ContentKind[] = ['article', 'job', 'author'];

const GOOD_ARTICLE = await readFile(path.join(FIXTURES, 'site/articles/sandwell-trust.md'), 'utf8');
const GOOD_JOB = await readFile(path.join(FIXTURES, 'site/jobs/social-worker.md'), 'utf8');
const GOOD_AUTHOR = await readFile(path.join(FIXTURES, 'site/authors/william-eichler.md'), 'utf8');

/** Pieces of YAML and Markdown that parsers find hard, for mutations and token soup. */
const TOKENS = [
  '---', '---\n', '\n', ': ', '- ', '? ', '&a ', '*a', '&b [*a, *a, *a]', '<<: *a', '!!binary ', '!!js/function ', '!!python/object:os.system ', '!!set ',
  '!!timestamp ', '!!float ', '!<tag:yaml.org,2002:str> ', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '__proto__: {polluted: true}\n', 'constructor: {prototype: {polluted: true}}\n',
  '"', "'", '\\', '\t', '\r', '\r\n', '\uFEFF', '\u2028', '\u0085', '\uD800', '{', '}', '[', ']', '|', '>', '|-\n  ', '#', '`', '```', '~~~', '<', '>', '<!--', '-->',
  '<script>', '</script>', '{{ 7*7 }}', '{% raw %}', '[x](javascript:alert(1))', '![x](', '> > > >', '1. ', '***', '___', '<<<<', '[[[[', 'title: ', 'date: ', 'date: 2016-13-45\n',
  'date: 2016-06-01T25:61:00+99:00\n', 'tags: [', 'tags: {a: b}\n', 'author: [1, 2]\n', 'slug: ../../etc/passwd\n', 'slug: "a/b"\n', 'closes: yesterday\n', 'salary_min: -1e309\n',
  'title: ~\n', 'title: .inf\n', 'title: 0x1F\n', 'title: !!binary aGVsbG8=\n', 'draft: yes\n', 'x'.repeat(300), '9'.repeat(400),
];

const token = fc.constantFrom(...TOKENS);
const soup = fc.array(fc.oneof(token, fc.string({ maxLength: 20, unit: 'grapheme' }), fc.string({ maxLength: 20, unit: 'binary' })), { maxLength: 60 }).map((parts) => parts.join(''));

/** A good file with random edits: insertions from TOKENS or random text, deletions and duplications. */
const mutated = fc
  .tuple(
    fc.constantFrom(GOOD_ARTICLE, GOOD_JOB, GOOD_AUTHOR),
    fc.array(fc.tuple(fc.constantFrom('insert', 'delete', 'duplicate'), fc.nat(), fc.nat({ max: 40 }), fc.oneof(token, fc.string({ maxLength: 10 }))), { minLength: 1, maxLength: 8 }),
  )
  .map(([base, edits]) =>
    edits.reduce((text, [kind, at, length, insert]) => {
      const index = at % (text.length + 1);
      if (kind === 'insert') return text.slice(0, index) + insert + text.slice(index);
      if (kind === 'delete') return text.slice(0, index) + text.slice(index + length);
      return text.slice(0, index) + text.slice(index, index + length).repeat(3) + text.slice(index);
    }, base),
  );

/** Front matter made of token soup, then a body made of token soup. */
const frontMatterSoup = fc.tuple(soup, soup).map(([yaml, body]) => `---\n${yaml}\n---\n${body}`);

const anyFile = fc.oneof(fc.string({ maxLength: 400, unit: 'binary' }), fc.string({ maxLength: 400, unit: 'grapheme' }), soup, frontMatterSoup, mutated);

function expectOutcome(kind: ContentKind, text: string): void {
  const result = parseContentFile(kind, `fuzz/${kind}.md`, text, SITE);
  expect(Array.isArray(result.problems)).toBe(true);
  for (const problem of result.problems) {
    expect(problem.file).toBe(`fuzz/${kind}.md`);
    expect(typeof problem.message).toBe('string');
  }
  if (result.record) {
    expect(result.record.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(() => renderMarkdown(result.record!.body)).not.toThrow();
  } else {
    expect(result.problems.some((problem) => problem.severity === 'error')).toBe(true);
  }
}

describe('parseContentFile on random and mutated files', () => {
  it.each(KINDS)('never throws for a %s: a record or an error, every time', (kind) => {
    fc.assert(
      fc.property(anyFile, (text) => expectOutcome(kind, text)),
      { numRuns: 400 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the good files good: the unmutated fixtures parse to records', () => {
    expect(parseContentFile('article', 'a.md', GOOD_ARTICLE, SITE).record).toBeDefined();
    expect(parseContentFile('job', 'j.md', GOOD_JOB, SITE).record).toBeDefined();
    expect(parseContentFile('author', 'p.md', GOOD_AUTHOR, SITE).record).toBeDefined();
  });

  it('renders any body to HTML without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 300, unit: 'grapheme' })), (body) => {
        expect(typeof renderMarkdown(body)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('YAML that tries to explode or pollute', () => {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const name of 'bcdefghi') laughs.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(',')}]`);
  const bomb = `---\ntitle: Laughs\ndate: 2016-01-01\n${laughs.join('\n')}\n---\nBody.\n`;

  it('refuses a "billion laughs" alias bomb with a problem, not a hang or a crash', () => {
    const result = parseContentFile('article', 'bomb.md', bomb, SITE);
    expect(result.record).toBeUndefined();
    expect(result.problems[0]).toMatchObject({ field: 'front matter', severity: 'error' });
    expect(result.problems[0]!.message).toMatch(/alias/i);
  });

  it.each([
    ['__proto__', '__proto__: {polluted: true}'],
    ['constructor', 'constructor: {prototype: {polluted: true}}'],
    ['merge key', 'base: &base {polluted: true}\n<<: *base'],
  ])('does not pollute prototypes through %s', (_name, yaml) => {
    parseContentFile('article', 'proto.md', `---\ntitle: T\ndate: 2016-01-01\n${yaml}\n---\nBody.\n`, SITE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['deep flow nesting', `title: ${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['deep block nesting', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ])('handles %s with a problem, not a crash', (_name, yaml) => {
    const result = parseContentFile('article', 'deep.md', `---\n${yaml}\ndate: 2016-01-01\n---\nBody.\n`, SITE);
    expect(result.record).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
  });
});

it('reads custom tags such as !!js/function as plain text, never as code', () => {
  const result = parseContentFile('article', 'tag.md', '---\ntitle: !!js/function "function(){ return 1 }"\ndate: 2016-01-01\n---\nBody.\n', SITE);
  expect(result.record && 'title' in result.record ? result.record.title : undefined).toBe('function(){ return 1 }');
});

describe('pathological bodies up to the size limit are processed in one pass', () => {
  // Each of these took minutes to hours before the text pipeline was made linear
  // (a lazy or unbounded regex rescanning from each unclosed `<`, `[` or backtick).
  const size = MAX_FILE_BYTES - 100;
  it.each([
    ['unclosed <', '<'],
    ['unclosed [', '['],
    ['unclosed image links', '![x]('],
    ['backticks', '`'],
    ['unclosed <script', '<script'],
    ['unclosed comments', '<!--'],
    ['reference-like lines', '[\n'],
    ['nested quotes', '> '],
  ])('%s', (_name, unit) => {
    const body = unit.repeat(Math.floor(size / unit.length));
    const result = parseContentFile('article', 'big.md', `---\ntitle: Big\ndate: 2016-01-01\n---\n${body}`, SITE);
    expect(result.record && 'title' in result.record ? result.record.title : undefined).toBe('Big');
  });
});

describe('loadContent on a folder of fuzzed files', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('always loads the good article, job and author next to them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('articles', 'jobs', 'authors'), anyFile), { minLength: 1, maxLength: 6 }), async (files) => {
        const dir = await mkdtemp(path.join(tmpdir(), 'fuzz-content-'));
        dirs.push(dir);
        for (const folder of ['articles', 'jobs', 'authors']) await mkdir(path.join(dir, folder));
        await writeFile(path.join(dir, 'articles/good-article.md'), GOOD_ARTICLE);
        await writeFile(path.join(dir, 'jobs/good-job.md'), GOOD_JOB);
        await writeFile(path.join(dir, 'authors/good-author.md'), GOOD_AUTHOR);
        await Promise.all(files.map(([folder, text], index) => writeFile(path.join(dir, folder, `fuzz-${index}.md`), text)));
        const snapshot = await loadContent(dir);
        expect(snapshot.articles.map((article) => article.slug)).toContain('good-article');
        expect(snapshot.jobs.map((job) => job.slug)).toContain('good-job');
        expect([...snapshot.authors.keys()]).toContain('william-eichler');
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a file over the size limit with a clear message, and loads the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'big-content-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'articles'));
    await writeFile(path.join(dir, 'articles/good-article.md'), GOOD_ARTICLE);
    await writeFile(path.join(dir, 'articles/huge.md'), `---\ntitle: Huge\ndate: 2016-01-01\n---\n${'word '.repeat(Math.ceil((3 * 1024 * 1024) / 5))}`);
    const snapshot = await loadContent(dir);
    expect(snapshot.articles.map((article) => article.slug)).toEqual(['good-article']);
    const problem = snapshot.problems.find((candidate) => candidate.file.endsWith('huge.md'));
    expect(problem).toMatchObject({ field: 'file', severity: 'error', message: 'too large (3.0 MB; the limit is 2.0 MB)' });
  });
});
