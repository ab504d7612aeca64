/**
 * Issue 5: editors change files while the server runs; readers see the
 * change, never a mix of old and new, and never a half-written file.
 */
import { rmSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SITE_YAML, article, cardLinks, contentFolder, eventually, job, startLiveSite, writeFiles, writeFilesAtOnce, type LiveSite } from './support.js';

let site: LiveSite;

beforeEach(async () => {
  const dir = await contentFolder({
    'site.yaml': SITE_YAML,
    'articles/first.md': article({ title: 'First story', date: '2016-06-01T09:00', tags: ['Ofsted'] }, 'The first body.'),
    'articles/second.md': article({ title: 'Second story', date: '2016-06-02T09:00', tags: ['Ofsted'] }, 'The second body.'),
    'articles/2015/old-one.md': article({ title: 'Old one', date: '2015-01-01' }),
    'articles/2015/old-two.md': article({ title: 'Old two', date: '2015-01-02' }),
    'jobs/social-worker.md': job({ title: 'Social worker', tags: ['Ofsted'] }),
  });
  site = await startLiveSite(dir);
});

afterEach(async () => {
  await site.close();
});

const file = (name: string) => path.join(site.dir, name);
const titleOf = async (pathname: string) => {
  const res = await site.get(pathname);
  return res.status === 200 ? res.$('h1').text() : `${res.status}`;
};
const health = async () => (await fetch(`${site.url}/healthz`)).json() as Promise<Record<string, unknown>>;
/** The next reload whose report names `name` among the changed, added or removed files. */
const reloadOf = (name: string) =>
  site.watcher.nextReload((o) => o.ok && [...o.report.added, ...o.report.changed, ...o.report.removed].some((f) => f.endsWith(name)));

describe('live content', () => {
  it('publishes a new article at its URL, on the home page and on its tag page', async () => {
    await writeFiles(site.dir, { 'articles/third.md': article({ title: 'Third story', date: '2016-06-03T09:00', tags: ['Ofsted'] }) });
    expect(await eventually(async () => ((await titleOf('/news/third')) === 'Third story' ? true : undefined), 'the new article')).toBe(true);
    expect(cardLinks((await site.get('/')).$)[0]).toBe('/news/third');
    expect(cardLinks((await site.get('/tags/ofsted')).$)).toEqual(['/news/third', '/news/second', '/news/first']);
    expect(await health()).toMatchObject({ articles: 5, filesWithErrors: 0 });
  });

  it('publishes an edit, with a new content version and reload time in /healthz', async () => {
    const before = await health();
    await writeFile(file('articles/first.md'), article({ title: 'First story, updated', tags: ['Ofsted', 'Adoption'] }, 'A new body.'));
    await eventually(async () => ((await titleOf('/news/first')) === 'First story, updated' ? true : undefined), 'the edit');
    const page = await site.get('/news/first');
    expect(page.$('.article__body').text()).toContain('A new body.');
    expect(cardLinks((await site.get('/tags/adoption')).$)).toEqual(['/news/first']);
    const after = await health();
    expect(after.version).not.toBe(before.version);
    expect(Date.parse(after.lastReload as string)).toBeGreaterThan(Date.parse(before.lastReload as string));
  });

  it('removes a deleted article from its URL, the home page and its tag page', async () => {
    await unlink(file('articles/second.md'));
    await eventually(async () => ((await titleOf('/news/second')) === '404' ? true : undefined), 'the deletion');
    expect(cardLinks((await site.get('/')).$)).not.toContain('/news/second');
    expect(cardLinks((await site.get('/tags/ofsted')).$)).toEqual(['/news/first']);
    for (const crawlerPath of ['/sitemap.xml', '/feed.xml', '/atom.xml']) {
      const res = await site.get(crawlerPath);
      if (res.status === 200) expect(res.text).not.toContain('/news/second');
    }
  });

  it('serves a renamed file at its new URL only', async () => {
    await rename(file('articles/first.md'), file('articles/first-renamed.md'));
    await eventually(async () => ((await titleOf('/news/first-renamed')) === 'First story' ? true : undefined), 'the new URL');
    expect(await titleOf('/news/first')).toBe('404');
    expect(cardLinks((await site.get('/tags/ofsted')).$)).toEqual(['/news/second', '/news/first-renamed']);
  });

  it('removes the articles of a deleted folder, and publishes a folder moved in', async () => {
    await rm(file('articles/2015'), { recursive: true });
    await eventually(async () => ((await titleOf('/news/old-one')) === '404' ? true : undefined), 'the folder deletion');
    expect(await titleOf('/news/old-two')).toBe('404');
    await mkdir(file('incoming'));
    await writeFile(file('incoming/moved.md'), article({ title: 'Moved in' }));
    await rename(file('incoming'), file('articles/2014'));
    await eventually(async () => ((await titleOf('/news/moved')) === 'Moved in' ? true : undefined), 'the folder moved in');
  });

  it('keeps the last good version of a file that breaks, reports it, and publishes the fix', async () => {
    const broken = reloadOf('first.md');
    await writeFile(file('articles/first.md'), '---\ntitle: First story, broken\ndate: not a date\n---\nBroken body.\n');
    await broken;
    const page = await site.get('/news/first');
    expect(page.status).toBe(200);
    expect(page.$('h1').text()).toBe('First story');
    expect(page.$('.article__body').text()).toContain('The first body.');
    expect(await health()).toMatchObject({ articles: 4, filesWithErrors: 1 });
    expect(site.store.snapshot.problems.map((p) => `${p.field}: ${p.message}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^date: /), 'file: not published: the last good version of this file stays live until it is fixed']),
    );
    await writeFile(file('articles/first.md'), article({ title: 'First story, fixed', tags: ['Ofsted'] }));
    await eventually(async () => ((await titleOf('/news/first')) === 'First story, fixed' ? true : undefined), 'the fix');
    expect(await health()).toMatchObject({ articles: 4, filesWithErrors: 0 });
  });

  it('never serves a half-written file: a stalled write keeps the old version, a new one stays unpublished', async () => {
    const stalled = reloadOf('first.md');
    await writeFile(file('articles/first.md'), '---\ntitle: "First story, rewritten"\ndate: 2016-06-01T09:00\nsumm');
    await stalled;
    expect(await titleOf('/news/first')).toBe('First story');
    const unfinished = reloadOf('fourth.md');
    await writeFile(file('articles/fourth.md'), '---\ntitle: Fourth story\ndate: 2016-06-04T09:00\n');
    await unfinished;
    expect(await titleOf('/news/fourth')).toBe('404');
    expect(cardLinks((await site.get('/')).$)).toEqual(['/news/second', '/news/first', '/news/old-two', '/news/old-one']);
    await appendFile(file('articles/first.md'), 'ary: Finished.\n---\nThe rewritten body.\n');
    await eventually(async () => ((await titleOf('/news/first')) === 'First story, rewritten' ? true : undefined), 'the finished write');
  });

  it('never serves a file caught mid-write by a fast writer', async () => {
    const chunks = ['---\ntitle: "Second story, v2"\n', 'date: 2016-06-02T09:00\ntags: [Ofsted]\n---\n', 'The second body, ', 'rewritten in full.\n'];
    const seen = new Set<string>();
    let writing = true;
    const poll = (async () => {
      while (writing) {
        const res = await site.get('/news/second');
        seen.add(`${res.status} ${res.$('h1').text()} | ${res.$('.article__body').text().trim()}`);
      }
    })();
    await writeFile(file('articles/second.md'), chunks[0]!);
    for (const chunk of chunks.slice(1)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await appendFile(file('articles/second.md'), chunk);
    }
    await eventually(async () => ((await titleOf('/news/second')) === 'Second story, v2' ? true : undefined), 'the new version');
    writing = false;
    await poll;
    seen.add(`200 Second story, v2 | ${(await site.get('/news/second')).$('.article__body').text().trim()}`);
    expect([...seen].sort()).toEqual(['200 Second story | The second body.', '200 Second story, v2 | The second body, rewritten in full.']);
  });

  it('applies a burst that changes two articles of one tag as one reload: readers see both old or both new', async () => {
    const views = new Set<string>();
    let done = false;
    const poll = (async () => {
      while (!done) {
        const { $ } = await site.get('/tags/ofsted');
        views.add($('main .card__title a').map((_, a) => $(a).text()).get().sort().join(' + '));
      }
    })();
    await writeFile(file('articles/first.md'), article({ title: 'First story v2', tags: ['Ofsted'] }));
    await writeFile(file('articles/second.md'), article({ title: 'Second story v2', date: '2016-06-02T09:00', tags: ['Ofsted'] }));
    await eventually(async () => ((await titleOf('/news/second')) === 'Second story v2' ? true : undefined), 'the burst');
    done = true;
    await poll;
    views.add('First story v2 + Second story v2');
    expect([...views].sort()).toEqual(['First story + Second story', 'First story v2 + Second story v2']);
    const reloads = site.outcomes.filter((o) => o.ok && o.report.changed.length > 0);
    expect(reloads).toHaveLength(1);
  });

  it('turns a git pull of 500 files (added, changed and deleted) into one reload', async () => {
    const files: Record<string, string> = { 'articles/first.md': article({ title: 'First story, pulled', tags: ['Ofsted'] }) };
    for (let i = 0; i < 498; i++) files[`articles/pulled/story-${i}.md`] = article({ title: `Pulled ${i}`, date: '2016-05-01T09:00', tags: ['Pulled'] });
    const pulled = site.watcher.nextReload((o) => o.ok && o.report.added.length > 0);
    writeFilesAtOnce(site.dir, files);
    rmSync(file('articles/second.md'));
    const outcome = await pulled;
    expect(outcome.ok && [outcome.report.added.length, outcome.report.changed, outcome.report.removed]).toEqual([498, [expect.stringMatching(/first\.md$/)], [expect.stringMatching(/second\.md$/)]]);
    expect(await health()).toMatchObject({ articles: 501 });
    expect((await site.get('/tags/pulled')).$('.listing__count').text()).toBe('498 articles');
    expect(await titleOf('/news/first')).toBe('First story, pulled');
  });

  it('applies site.yaml changes to every page', async () => {
    await writeFile(file('site.yaml'), SITE_YAML.replace('Live News', 'Renamed News'));
    await eventually(async () => ((await site.get('/news/first')).$('title').text() === 'First story · Renamed News' ? true : undefined), 'the new site name');
  });

  it('keeps the last good content live while the content folder is gone, and logs the failure', async () => {
    const failed = site.watcher.nextReload((o) => !o.ok);
    await rename(site.dir, `${site.dir}-away`);
    try {
      const outcome = await failed;
      expect(!outcome.ok && outcome.error.message).toMatch(/cannot be read \(ENOENT\)/);
      expect(await titleOf('/news/first')).toBe('First story');
      expect(await health()).toMatchObject({ articles: 4 });
    } finally {
      await rename(`${site.dir}-away`, site.dir);
    }
    await site.watcher.nextReload((o) => o.ok);
    await writeFile(file('articles/first.md'), article({ title: 'First story, after the outage' }));
    await eventually(async () => ((await titleOf('/news/first')) === 'First story, after the outage' ? true : undefined), 'an edit after the folder came back');
  });
});

describe('live content with per-file write checks (writeFinishMs, for network shares)', () => {
  it('publishes an edit once the file has stopped growing', async () => {
    const live = await startLiveSite(await contentFolder({ 'site.yaml': SITE_YAML, 'articles/first.md': article({ title: 'First story' }) }), { writeFinishMs: 100 });
    try {
      await writeFile(path.join(live.dir, 'articles/first.md'), article({ title: 'First story, edited' }));
      const title = async () => (await live.get('/news/first')).$('h1').text();
      expect(await eventually(async () => ((await title()) === 'First story, edited' ? true : undefined), 'the edit')).toBe(true);
    } finally {
      await live.close();
    }
  });
});
