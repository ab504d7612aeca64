import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { parseContentFile } from '../../src/content/parse.js';
import { DEFAULT_SITE } from '../../src/content/site.js';
import { FIXTURES } from '../support/app.js';

const site = DEFAULT_SITE;
const article = (frontMatter: string, body = 'Body.') => parseContentFile('article', 'content/articles/x.md', `---\n${frontMatter}\n---\n${body}\n`, site);
const job = (frontMatter: string) => parseContentFile('job', 'content/jobs/j.md', `---\n${frontMatter}\n---\nBody.\n`, site);
const messages = (result: ReturnType<typeof article>) => result.problems.filter((p) => p.severity === 'error').map((p) => `${p.field}: ${p.message}`);

describe('article front matter', () => {
  it.each([
    ['title', 'date: 2016-06-10', 'title: required'],
    ['date', 'title: Hello', 'date: required'],
  ])('reports a missing %s', (_field, frontMatter, expected) => {
    const result = article(frontMatter);
    expect(result.record).toBeUndefined();
    expect(messages(result)).toContain(expected);
  });

  it.each([
    ['title as a list', 'title: [a, b]', 'title: expected text, got a list'],
    ['title too long', `title: ${'x'.repeat(201)}`, 'title: must be at most 200 characters'],
    ['date as words', 'date: soon', 'date: expected a date like 2016-06-10 or 2016-06-10T09:30, got "soon"'],
    ['impossible date', 'date: 2016-02-30', 'date: expected a date like 2016-06-10 or 2016-06-10T09:30, got "2016-02-30"'],
    ['updated before date', 'updated: 2016-06-01', 'updated: must not be before date'],
    ['authors as a mapping', 'authors: {a: b}', 'authors: expected a list, got a mapping'],
    ['tags with a mapping item', 'tags: [ok, {a: b}]', 'tags[1]: expected text, got a mapping'],
    ['places as a number', 'places: 42', 'places: expected a list, got 42'],
    ['image without image_alt', 'image: /assets/a.jpg', 'image_alt: required when image is given (describe the picture)'],
    ['image with a javascript: URL', 'image: "javascript:alert(1)"\nimage_alt: x', 'image: expected a path starting with "/" or an absolute http(s) URL'],
    ['comments as text', 'comments: "no"', 'comments: expected true or false, got "no"'],
    ['draft as text', 'draft: maybe', 'draft: expected true or false, got "maybe"'],
    ['jobs as text', 'jobs: one-job', 'jobs: expected a list of job slugs, got "one-job"'],
    ['a pinned job that is not a slug', 'jobs: [Not A Slug]', 'jobs[0]: expected a slug: lower-case a-z, 0-9 and "-"'],
    ['a relative alias', 'aliases: [old/path]', 'aliases[0]: expected a path starting with "/", like /old/path'],
    ['canonical that is not a URL', 'canonical: elsewhere', 'canonical: expected an absolute http(s) URL'],
    ['author and authors both', 'author: A\nauthors: [B]', 'authors: give either author or authors, not both'],
    ['a bad slug', 'slug: Bad Slug', 'slug: expected a slug: lower-case a-z, 0-9 and "-"'],
  ])('reports %s', (_case, extra, expected) => {
    const base = ['title: Hello', 'date: 2016-06-10'].filter((line) => !extra.startsWith(`${line.split(':')[0]}:`));
    const frontMatter = [...base, extra].join('\n');
    const result = article(frontMatter);
    expect(result.record).toBeUndefined();
    expect(messages(result)).toContain(expected);
  });

  it('reports every problem of a file at once, with the line of each key', () => {
    const result = article('title: [a]\ndate: soon\ncomments: "no"\nimage: /a.jpg');
    expect(result.problems.map((p) => [p.field, p.line])).toEqual([
      ['title', 2],
      ['date', 3],
      ['comments', 4],
      ['image_alt', undefined],
    ]);
  });

  it('reads a zone-less time in the site zone and keeps an explicit offset', () => {
    expect(article('title: A\ndate: 2016-06-10T09:30').record).toMatchObject({ date: new Date('2016-06-10T08:30:00Z') });
    expect(article('title: A\ndate: 2016-01-10 09:30').record).toMatchObject({ date: new Date('2016-01-10T09:30:00Z') });
    expect(article('title: A\ndate: 2016-06-10T09:30:00+02:00').record).toMatchObject({ date: new Date('2016-06-10T07:30:00Z') });
    expect(article('title: A\ndate: 2016-06-10').record).toMatchObject({ date: new Date('2016-06-09T23:00:00Z') });
  });

  it('derives summary, tag and author slugs, reading time', () => {
    const result = article(
      "title: Hello\ndate: 2016-06-10\nauthors: [Zoë Smith, Jo Bloggs]\ntags: [\"children's services\", Health & Care, Ofsted, ofsted]",
      '## Heading\n\nThe **first** paragraph with [a link](/x).\n\nSecond.',
    );
    expect(result.problems).toEqual([]);
    expect(result.record).toMatchObject({
      slug: 'x',
      summary: 'The first paragraph with a link.',
      hasStandfirst: false,
      authors: [{ name: 'Zoë Smith', slug: 'zoe-smith' }, { name: 'Jo Bloggs', slug: 'jo-bloggs' }],
      tags: [{ name: "children's services", slug: 'children-s-services' }, { name: 'Health & Care', slug: 'health-and-care' }, { name: 'Ofsted', slug: 'ofsted' }],
      readingMinutes: 1,
    });
  });

  it('warns about unknown fields without refusing the file', () => {
    const result = article('title: Hello\ndate: 2016-06-10\ntitel: typo');
    expect(result.record).toBeDefined();
    expect(result.problems).toEqual([expect.objectContaining({ field: 'titel', severity: 'warning', line: 4 })]);
  });

  it('refuses a YAML alias bomb quickly', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`), 'title: x', 'date: 2016-06-10'].join('\n');
    const started = performance.now();
    const result = article(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.record).toBeUndefined();
    expect(messages(result)[0]).toMatch(/^front matter: invalid YAML/);
  });
});

describe('job front matter', () => {
  it.each([
    ['title', 'title: required'],
    ['employer', 'employer: required'],
    ['location', 'location: required'],
    ['salary', 'salary: required'],
    ['posted', 'posted: required'],
  ])('reports a missing %s', (field, expected) => {
    const all = ['title: T', 'employer: E', 'location: L', 'salary: Competitive', 'posted: 2016-06-01'];
    expect(messages(job(all.filter((line) => !line.startsWith(`${field}:`)).join('\n')))).toContain(expected);
  });

  it.each([
    ['salary_min as text', 'salary_min: lots', 'salary_min: expected a number of pounds a year, like 38220, got "lots"'],
    ['salary_max below salary_min', 'salary_min: 30000\nsalary_max: 20000', 'salary_max: must not be less than salary_min'],
    ['closes before posted', 'closes: 2016-05-01', 'closes: must not be before posted'],
    ['apply_url not http', 'apply_url: "javascript:alert(1)"', 'apply_url: expected an absolute http(s) URL'],
    ['summary over 300 characters', `summary: ${'x'.repeat(301)}`, 'summary: must be at most 300 characters'],
    ['tags as a mapping', 'tags: {a: b}', 'tags: expected a list, got a mapping'],
  ])('reports %s', (_case, extra, expected) => {
    expect(messages(job(`title: T\nemployer: E\nlocation: L\nsalary: Competitive\nposted: 2016-06-01\n${extra}`))).toContain(expected);
  });

  it('closes at the end of a date-only closing day in the site zone; recruiter defaults to employer', () => {
    const result = job('title: T\nemployer: E\nlocation: L\nsalary: 38220\nposted: 2016-06-01\ncloses: 2016-06-30');
    expect(result.record).toMatchObject({ closes: new Date('2016-06-30T23:00:00Z'), recruiter: 'E', salary: '38220' });
  });
});

describe('a folder of broken files', () => {
  it('reports each bad file with path, field and message, and still serves the good one', async () => {
    const snapshot = await loadContent(path.join(FIXTURES, 'broken'));
    expect(snapshot.articles.map((a) => a.slug)).toEqual(['good']);
    const lines = snapshot.problems.filter((p) => p.severity === 'error').map((p) => `${path.basename(p.file)}: ${p.field}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'missing-title.md: title: required',
        'bad-date.md: date: expected a date like 2016-06-10 or 2016-06-10T09:30, got "soon"',
        'image-without-alt.md: image_alt: required when image is given (describe the picture)',
        expect.stringMatching(/^broken-yaml\.md: front matter: invalid YAML/),
        expect.stringMatching(/^no-front-matter\.md: front matter: missing/),
        'empty.md: file: the file is empty',
        'binary.md: file: not a text file (it contains binary data)',
        expect.stringMatching(/^Bad_Name\.md: slug: the file name "Bad_Name" is not a valid slug/),
        'bad-job.md: employer: required',
        'nameless.md: name: required',
      ]),
    );
    // Both files of a duplicate slug are reported, and neither is served.
    expect(lines.filter((line) => line.startsWith('duplicate.md: slug: duplicate article slug "duplicate"'))).toHaveLength(2);
    // Each problem once; scratch files are ignored.
    expect(new Set(snapshot.problems.map((p) => `${p.file}|${p.field}|${p.message}`)).size).toBe(snapshot.problems.length);
    expect(snapshot.problems.some((p) => p.file.includes('_scratch'))).toBe(false);
    expect(snapshot.problems.every((p) => p.file.startsWith('test/fixtures/broken/'))).toBe(true);
  });
});
