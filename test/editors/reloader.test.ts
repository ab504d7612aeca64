/**
 * Issue 5: the incremental loader behind live content. Re-reads only what
 * changed, keeps last good versions, never half-applies a reload; one log
 * line per reload, each problem logged once.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentLoader, ContentUnavailableError } from '../../src/content/reloader.js';
import { logReload } from '../../src/content/reload-log.js';
import { SITE_YAML, article, contentFolder, job } from './support.js';

let dir: string;
let loader: ContentLoader;
const at = (name: string) => path.join(dir, name);

beforeEach(async () => {
  dir = await contentFolder({
    'site.yaml': SITE_YAML,
    'articles/one.md': article({ title: 'One', date: '2016-06-10T09:30' }),
    'articles/two.md': article({ title: 'Two', date: '2016-06-11T09:30' }),
    'articles/2015/three.md': article({ title: 'Three', date: '2015-01-01' }),
    'jobs/social-worker.md': job({ title: 'Social worker' }),
  });
  loader = new ContentLoader(dir);
  await loader.load();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ContentLoader.reload', () => {
  it('re-reads only the files named: the others keep their records, the snapshot is new', async () => {
    const before = loader.snapshot!;
    await writeFile(at('articles/one.md'), article({ title: 'One, edited', date: '2016-06-10T09:30' }));
    const report = await loader.reload([at('articles/one.md')]);
    expect(report.changed).toEqual([expect.stringMatching(/articles\/one\.md$/)]);
    expect([report.added, report.removed]).toEqual([[], []]);
    expect(report.snapshot).not.toBe(before);
    expect(report.snapshot.version).not.toBe(before.version);
    expect(report.snapshot.articleBySlug.get('one')?.title).toBe('One, edited');
    expect(report.snapshot.articleBySlug.get('two')).toBe(before.articleBySlug.get('two'));
  });

  it('keeps the jobs array (and what is cached on it) when only articles changed, and the articles when only jobs did', async () => {
    const before = loader.snapshot!;
    await writeFile(at('articles/one.md'), article({ title: 'One, edited', date: '2016-06-10T09:30' }));
    const afterArticle = (await loader.reload([at('articles/one.md')])).snapshot;
    expect(afterArticle.jobs).toBe(before.jobs);
    expect(afterArticle.articles).not.toBe(before.articles);
    await writeFile(at('jobs/social-worker.md'), job({ title: 'Senior social worker' }));
    const afterJob = (await loader.reload([at('jobs/social-worker.md')])).snapshot;
    expect(afterJob.articles).toBe(afterArticle.articles);
    expect(afterJob.jobs.map((j) => j.title)).toEqual(['Senior social worker']);
  });

  it('keeps the same snapshot when nothing really changed (a save without edits)', async () => {
    const before = loader.snapshot!;
    await writeFile(at('articles/one.md'), article({ title: 'One', date: '2016-06-10T09:30' }));
    const report = await loader.reload([at('articles/one.md'), at('articles/_scratch.md'), at('notes.txt')]);
    expect(report.snapshot).toBe(before);
    expect([report.added, report.changed, report.removed]).toEqual([[], [], []]);
  });

  it('keeps the last good record of a file that breaks, with its problems and a note; the version stays', async () => {
    const before = loader.snapshot!;
    await writeFile(at('articles/one.md'), '---\ntitle: One\ndate: soon\n---\n');
    const report = await loader.reload([at('articles/one.md')]);
    expect(report.snapshot.articleBySlug.get('one')).toBe(before.articleBySlug.get('one'));
    expect(report.snapshot.version).toBe(before.version);
    expect(report.newProblems.map((p) => `${p.line ?? ''} ${p.field}: ${p.severity}`)).toEqual([' file: warning', '3 date: error']);
  });

  it('checks every known file under a folder that was removed', async () => {
    await rm(at('articles/2015'), { recursive: true });
    const report = await loader.reload([at('articles/2015')]);
    expect(report.removed).toEqual([expect.stringMatching(/articles\/2015\/three\.md$/)]);
    expect(report.snapshot.articleBySlug.has('three')).toBe(false);
  });

  it('re-reads every file when site.yaml changes the time zone, since dates depend on it', async () => {
    expect(loader.snapshot!.articleBySlug.get('one')?.date.toISOString()).toBe('2016-06-10T08:30:00.000Z');
    await writeFile(at('site.yaml'), SITE_YAML.replace('Europe/London', 'UTC'));
    const report = await loader.reload([at('site.yaml')]);
    expect(report.settingsChanged).toBe(true);
    expect(report.snapshot.articleBySlug.get('one')?.date.toISOString()).toBe('2016-06-10T09:30:00.000Z');
  });

  it('keeps the last good settings while site.yaml does not parse', async () => {
    await writeFile(at('site.yaml'), 'name: [Live News\n');
    const report = await loader.reload([at('site.yaml')]);
    expect(report.snapshot.site.name).toBe('Live News');
    expect(report.snapshot.problems.map((p) => p.message)).toEqual([
      'the last good settings stay in use until the file is fixed',
      'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('changes nothing when the content folder cannot be read', async () => {
    const before = loader.snapshot!;
    await rename(dir, `${dir}-gone`);
    try {
      await expect(loader.reload([at('articles/one.md')], { rescan: true })).rejects.toBeInstanceOf(ContentUnavailableError);
      expect(loader.snapshot).toBe(before);
    } finally {
      await rename(`${dir}-gone`, dir);
    }
    expect((await loader.reload([], { rescan: true })).snapshot).toBe(before);
  });
});

describe('the reload log', () => {
  it('says in one line what changed and how long it took, then each new problem once', async () => {
    await writeFile(at('articles/four.md'), article({ title: 'Four' }));
    await writeFile(at('articles/one.md'), '---\ntitle: One\ndate: soon\n---\n');
    await rm(at('articles/two.md'));
    const report = await loader.reload([at('articles/four.md'), at('articles/one.md'), at('articles/two.md')]);
    const lines: Array<[string, string, Record<string, unknown>?]> = [];
    const logger = {
      info: (fields: unknown, message?: string) => lines.push(['info', message!, fields as Record<string, unknown>]),
      warn: (message: unknown) => lines.push(['warn', message as string]),
      error: (message: unknown) => lines.push(['error', message as string]),
    };
    logReload(logger as never, report);
    expect(lines.map(([level, message]) => `${level} ${message.replace(/\d+ ms$/, 'N ms')}`)).toEqual([
      `info content reloaded: 1 added, 1 changed, 1 removed (${dir}/articles/four.md, ${dir}/articles/one.md, ${dir}/articles/two.md) in N ms`,
      `warn ${dir}/articles/one.md: file: not published: the last good version of this file stays live until it is fixed`,
      `error ${dir}/articles/one.md:3: date: expected a date like 2016-06-10 or 2016-06-10T09:30, got "soon"`,
    ]);
    expect(lines[0]![2]).toMatchObject({ added: 1, changed: 1, removed: 1, articles: 3 });
  });
});
