/**
 * Issue 10: the load cache in DATA_DIR. A restart reuses what the last run
 * parsed and reads only files added or changed since, with the same result
 * as reading everything; article bodies live in pack files on disk, and a
 * body once read stays the version that was valid (editing the file does not
 * change what is served until a reload takes the edit).
 */
import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BodyPack } from '../../src/content/body-packs.js';
import { bodySourceOf } from '../../src/content/compact-text.js';
import { ContentLoader } from '../../src/content/reloader.js';
import type { ContentSnapshot } from '../../src/content/snapshot.js';
import { SITE_YAML, article, contentFolder, job } from '../editors/support.js';

let dir: string;
let cacheDir: string;
const at = (name: string) => path.join(dir, name);

beforeEach(async () => {
  dir = await contentFolder({
    'site.yaml': SITE_YAML,
    'articles/one.md': article({ title: 'One', date: '2016-06-10T09:30', tags: ['housing'] }, 'First body, with a “curly” quote and £100.'),
    'articles/two.md': article({ title: 'Two', date: '2016-06-11T09:30' }, 'Second body.'),
    'articles/2015/three.md': article({ title: 'Three', date: '2015-01-01' }, 'Third body.'),
    'articles/broken.md': '---\ntitle: [unclosed\n---\nNo good.\n',
    'jobs/social-worker.md': job({ title: 'Social worker' }),
  });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'load-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

/** A first run that writes its cache, then a new loader (a restart) on the same folders. */
async function restart(): Promise<ContentLoader> {
  const first = new ContentLoader(dir, { cacheDir });
  await first.load();
  await first.persist();
  return new ContentLoader(dir, { cacheDir });
}

/** What a reader or crawler sees of a snapshot. */
function visible(snapshot: ContentSnapshot) {
  return {
    version: snapshot.version,
    articles: snapshot.articles.map((a) => ({ slug: a.slug, title: a.title, date: a.date.toISOString(), tags: a.tags, body: a.body, text: a.text, summary: a.summary, readingMinutes: a.readingMinutes })),
    jobs: snapshot.jobs.map((j) => ({ slug: j.slug, title: j.title, closes: j.closes?.toISOString(), body: j.body })),
    problems: snapshot.problems.map((p) => `${p.file}:${p.line ?? ''}: ${p.field}: ${p.message}`).sort(),
  };
}

describe('a restart with the load cache', () => {
  it('reads no file that has not changed, and gives the same site as reading everything', async () => {
    const cold = await new ContentLoader(dir).load();
    const loader = await restart();
    const warm = await loader.load();
    expect(loader.start).toEqual({ fromCache: 5, read: 0 });
    expect(visible(warm)).toEqual(visible(cold));
  });

  it('reads the files changed since, and only those', async () => {
    const loader = await restart();
    await writeFile(at('articles/two.md'), article({ title: 'Two, corrected', date: '2016-06-11T09:30' }, 'Second body, corrected.'));
    const snapshot = await loader.load();
    expect(loader.start).toEqual({ fromCache: 4, read: 1 });
    const two = snapshot.articleBySlug.get('two')!;
    expect([two.title, two.body.trim()]).toEqual(['Two, corrected', 'Second body, corrected.']);
    expect(snapshot.articleBySlug.get('one')!.body).toContain('“curly” quote and £100.');
  });

  it('sees files added and removed since', async () => {
    const loader = await restart();
    await unlink(at('articles/2015/three.md'));
    await writeFile(at('articles/four.md'), article({ title: 'Four', date: '2016-06-12T09:30' }));
    const snapshot = await loader.load();
    expect(snapshot.articles.map((a) => a.slug).sort()).toEqual(['four', 'one', 'two']);
  });

  it('keeps the last good version of a file broken since, with the problem reported, as a live reload does', async () => {
    const loader = await restart();
    await writeFile(at('articles/one.md'), '---\ntitle: One\ndate: not a date\n---\nBody.\n');
    const snapshot = await loader.load();
    expect(snapshot.articleBySlug.get('one')?.title).toBe('One');
    const problems = snapshot.problems.filter((p) => p.file.endsWith('one.md')).map((p) => `${p.field}: ${p.message}`);
    expect(problems.join('\n')).toMatch(/date/);
    expect(problems.join('\n')).toMatch(/last good version/i);
  });

  it('is not used for another site setting (a new time zone changes every date) and the folder is read in full', async () => {
    const loader = await restart();
    await writeFile(at('site.yaml'), SITE_YAML.replace('Europe/London', 'America/New_York'));
    const snapshot = await loader.load();
    expect(loader.start).toEqual({ fromCache: 0, read: 5 });
    expect(snapshot.articleBySlug.get('one')!.date.toISOString()).toBe('2016-06-10T13:30:00.000Z');
  });

  it('is ignored when it is damaged or its bodies are gone, and the folder is read in full', async () => {
    const loader = await restart();
    for (const name of await readdir(cacheDir)) if (name.endsWith('.pack')) await unlink(path.join(cacheDir, name));
    await loader.load();
    expect(loader.start).toEqual({ fromCache: 0, read: 5 });
    await writeFile(path.join(cacheDir, 'files.v8'), 'not a cache');
    const again = new ContentLoader(dir, { cacheDir });
    expect((await again.load()).articles).toHaveLength(3);
    expect(again.start).toEqual({ fromCache: 0, read: 5 });
  });
});

describe('article bodies on disk', () => {
  it('moves bodies out of memory when the cache is written; a body stays the version read until a reload', async () => {
    const loader = new ContentLoader(dir, { cacheDir });
    const snapshot = await loader.load();
    const one = snapshot.articleBySlug.get('one')!;
    expect(bodySourceOf(one)).toHaveProperty('bytes');
    await loader.persist();
    expect(bodySourceOf(one)).toHaveProperty('pack');
    expect(one.body.trim()).toBe('First body, with a “curly” quote and £100.');
    await writeFile(at('articles/one.md'), article({ title: 'One', date: '2016-06-10T09:30', tags: ['housing'] }, 'Rewritten.'));
    expect(one.body.trim()).toBe('First body, with a “curly” quote and £100.');
    const reloaded = (await loader.reload([at('articles/one.md')])).snapshot;
    expect(reloaded.articleBySlug.get('one')!.body.trim()).toBe('Rewritten.');
  });

  it('deletes a pack the cache no longer refers to; a restart then reads nothing and serves the edits', async () => {
    const loader = new ContentLoader(dir, { cacheDir });
    await loader.load();
    await loader.persist();
    const packs = async () => (await readdir(cacheDir)).filter((name) => name.endsWith('.pack'));
    const first = await packs();
    expect(first).toHaveLength(1);
    for (const [file, title] of [['articles/one.md', 'One'], ['articles/two.md', 'Two'], ['articles/2015/three.md', 'Three']] as const) {
      await writeFile(at(file), article({ title, date: '2016-06-11T09:30' }, `${title}, edited.`));
    }
    await loader.reload([at('articles/one.md'), at('articles/two.md'), at('articles/2015/three.md')]);
    await loader.persist();
    const second = await packs();
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    // Closed too: a long-running server does not keep a file (and a deleted file's disk space) per round of edits.
    expect(BodyPack.files.has(path.join(cacheDir, first[0]!))).toBe(false);
    expect(BodyPack.files.has(path.join(cacheDir, second[0]!))).toBe(true);
    const restarted = new ContentLoader(dir, { cacheDir });
    expect((await restarted.load()).articleBySlug.get('two')!.body.trim()).toBe('Two, edited.');
    expect(restarted.start).toEqual({ fromCache: 5, read: 0 });
  });
});

describe('a data folder shared by several processes (WEB_CONCURRENCY)', () => {
  it('writes again the bodies of a pack another process deleted, so the cache never refers to a missing pack', async () => {
    const loader = new ContentLoader(dir, { cacheDir });
    await loader.load();
    await loader.persist();
    const [pack] = (await readdir(cacheDir)).filter((name) => name.endsWith('.pack'));
    await unlink(path.join(cacheDir, pack!));
    // This process still reads its bodies (the pack is open); its next cache refers to a new pack.
    await writeFile(at('articles/two.md'), article({ title: 'Two', date: '2016-06-11T09:30' }, 'Edited.'));
    await loader.reload([at('articles/two.md')]);
    await loader.persist();
    const restarted = new ContentLoader(dir, { cacheDir });
    const snapshot = await restarted.load();
    expect(restarted.start).toEqual({ fromCache: 5, read: 0 });
    expect(snapshot.articleBySlug.get('one')!.body).toContain('“curly” quote');
  });
});

describe('what the cache is kept for', () => {
  it('is used when only site settings that do not change parsing differ (name, URL: SITE_URL)', async () => {
    const first = new ContentLoader(dir, { cacheDir, siteUrl: 'http://127.0.0.1:4001' });
    await first.load();
    await first.persist();
    await writeFile(at('site.yaml'), SITE_YAML.replace('Live News', 'Live News Renamed'));
    const restarted = new ContentLoader(dir, { cacheDir, siteUrl: 'http://127.0.0.1:4002' });
    const snapshot = await restarted.load();
    expect(restarted.start).toEqual({ fromCache: 5, read: 0 });
    expect([snapshot.site.name, snapshot.site.url]).toEqual(['Live News Renamed', 'http://127.0.0.1:4002']);
  });
});
