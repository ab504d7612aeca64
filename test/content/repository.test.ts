import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { rankRelatedJobs } from '../../src/related-jobs.js';
import { FIXTURES } from '../support/app.js';

const site = path.join(FIXTURES, 'site');

describe('publication state', () => {
  it('hides drafts and scheduled articles until their time, without a reload', async () => {
    const store = new ContentStore(await loadContent(site));
    const before = store.view(new Date('2029-12-31T23:59:59Z'));
    expect(before.article('draft-story')).toBeUndefined();
    expect(before.article('scheduled-story')).toBeUndefined();
    expect(before.validUntil).toEqual(new Date('2030-01-01T09:00:00Z'));
    const after = store.view(new Date('2030-01-01T09:00:00Z'));
    expect(after.article('scheduled-story')?.title).toBe('A scheduled story');
    expect(after.articles[0]?.slug).toBe('scheduled-story');
    expect(after.article('draft-story')).toBeUndefined();
  });

  it('shows drafts and scheduled articles in preview', async () => {
    const view = new ContentStore(await loadContent(site), { preview: true }).view(new Date('2016-06-15T12:00:00Z'));
    expect(view.article('draft-story')).toBeDefined();
    expect(view.article('scheduled-story')).toBeDefined();
  });

  it('lists only open jobs; a job closes at the exact closing moment', async () => {
    const store = new ContentStore(await loadContent(site));
    const open = store.view(new Date('2030-07-01T22:59:59Z'));
    expect(open.currentJobs.map((job) => job.slug)).toContain('family-worker');
    expect(open.currentJobs.map((job) => job.slug)).not.toContain('closed-job');
    const closed = store.view(new Date('2030-07-01T23:00:00Z'));
    expect(closed.currentJobs.map((job) => job.slug)).not.toContain('family-worker');
    expect(closed.isClosed(closed.job('family-worker')!)).toBe(true);
  });

  it('indexes tags and authors from visible articles only, newest first', async () => {
    const view = new ContentStore(await loadContent(site)).view(new Date('2020-01-01T00:00:00Z'));
    expect(view.tags.get('children-s-services')?.articles.map((a) => a.slug)).toEqual(['sandwell-trust', 'birmingham-trust']);
    expect(view.authors.get('william-eichler')?.articles.map((a) => a.slug)).toEqual(['potholes', 'sandwell-trust']);
    expect(view.authors.get('william-eichler')?.profile?.role).toBe('Reporter');
    expect(view.tags.has('draft-only')).toBe(false);
  });

  it('paginates with out-of-range pages undefined', async () => {
    const view = new ContentStore(await loadContent(site)).view(new Date('2020-01-01T00:00:00Z'));
    expect(view.paginate([1, 2, 3], 2, 2)).toEqual({ items: [3], page: 2, totalPages: 2, total: 3 });
    expect(view.paginate([1, 2, 3], 3, 2)).toBeUndefined();
    expect(view.paginate([], 1, 2)).toEqual({ items: [], page: 1, totalPages: 1, total: 0 });
  });
});

describe('the jobs sidebar', () => {
  it('puts pinned jobs first in the editor order, skips closed and unknown ones, never repeats a job', async () => {
    const view = new ContentStore(await loadContent(site)).view(new Date('2016-06-15T12:00:00Z'));
    const article = view.article('sandwell-trust')!;
    const ranked = rankRelatedJobs(article, view.currentJobs, 3);
    expect(ranked[0]).toMatchObject({ pinned: true, job: { slug: 'family-worker' } });
    const slugs = ranked.map((entry) => entry.job.slug);
    expect(slugs).not.toContain('closed-job');
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toHaveLength(3);
  });

  it('prefers jobs sharing the article topic', async () => {
    const view = new ContentStore(await loadContent(site)).view(new Date('2017-06-15T12:00:00Z'));
    const ranked = rankRelatedJobs(view.article('potholes')!, view.currentJobs, 3);
    expect(ranked[0]?.job.slug).toBe('highways-engineer');
  });
});

describe('a large folder with bad files', () => {
  it('loads hundreds of articles and reports each bad file once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'content-'));
    await mkdir(path.join(dir, 'articles', '2016'), { recursive: true });
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        writeFile(path.join(dir, 'articles', '2016', `story-${i}.md`), `---\ntitle: Story ${i}\ndate: 2016-01-01T10:00\ntags: [tag-${i % 7}]\n---\nBody of story ${i}.\n`),
      ),
    );
    await writeFile(path.join(dir, 'articles', 'broken.md'), '---\ntitle: [oops\n---\n');
    await writeFile(path.join(dir, 'articles', 'plain.md'), 'No front matter here.');
    await writeFile(path.join(dir, 'articles', 'empty.md'), '');
    await writeFile(path.join(dir, 'articles', 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]));
    const snapshot = await loadContent(dir);
    expect(snapshot.articles).toHaveLength(300);
    expect(snapshot.problems.map((p) => path.basename(p.file)).sort()).toEqual(['broken.md', 'empty.md', 'image.md', 'plain.md']);
  });
});
