/**
 * Issue 5: a file that vanishes between being listed and being read (a
 * checkout in progress) aborts the reload: nothing changes, the last good
 * snapshot stays live, and the next reload sees the folder as it then is.
 */
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileInFluxError } from '../../src/content/files.js';
import { ContentLoader } from '../../src/content/reloader.js';
import { SITE_YAML, article, contentFolder } from './support.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

let dir = '';
afterEach(async () => {
  vi.mocked(fs.readFile).mockRestore();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('a file vanishing mid-reload', () => {
  it('aborts the reload without changing anything; the retry treats the file as deleted', async () => {
    dir = await contentFolder({ 'site.yaml': SITE_YAML, 'articles/one.md': article({ title: 'One' }), 'articles/two.md': article({ title: 'Two' }) });
    const loader = new ContentLoader(dir);
    const before = await loader.load();
    const one = path.join(dir, 'articles/one.md');
    const two = path.join(dir, 'articles/two.md');
    await fs.writeFile(two, article({ title: 'Two, edited' }));
    const actual = vi.mocked(fs.readFile).getMockImplementation()!;
    vi.mocked(fs.readFile).mockImplementation(async (file, options) => {
      if (file === one) {
        await fs.unlink(one);
        throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
      }
      return actual(file, options);
    });
    await expect(loader.reload([one, two])).rejects.toBeInstanceOf(FileInFluxError);
    expect(loader.snapshot).toBe(before);
    const retry = await loader.reload([one, two]);
    expect(retry.removed).toEqual([expect.stringMatching(/one\.md$/)]);
    expect(retry.snapshot.articles.map((a) => a.title)).toEqual(['Two, edited']);
  });
});

describe('a rescan (after the watcher starts, or after an outage)', () => {
  it('reads again only the files whose size or time changed, and finds edits made without an event', async () => {
    dir = await contentFolder({ 'site.yaml': SITE_YAML, 'articles/one.md': article({ title: 'One' }), 'articles/two.md': article({ title: 'Two' }) });
    const loader = new ContentLoader(dir);
    await loader.load();
    const two = path.join(dir, 'articles/two.md');
    await fs.writeFile(two, article({ title: 'Two, edited while nobody watched' }));
    vi.mocked(fs.readFile).mockClear();
    const report = await loader.reload([], { rescan: true, skipUnchanged: true });
    const markdownReads = vi.mocked(fs.readFile).mock.calls.map(([file]) => String(file)).filter((file) => file.endsWith('.md'));
    expect(markdownReads).toEqual([two]);
    expect(report.changed).toEqual([expect.stringMatching(/two\.md$/)]);
    expect(report.snapshot.articleBySlug.get('two')?.title).toBe('Two, edited while nobody watched');
  });
});
