import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContentFiles, mapConcurrent, readContentFile } from '../../src/content/files.js';
import { PARALLEL_MIN_FILES, readInParallel } from '../../src/content/parallel-read.js';
import { ContentLoader } from '../../src/content/reloader.js';
import { DEFAULT_SITE } from '../../src/content/site.js';

describe('reading on worker threads', () => {
  it('gives the same records and problems as reading in this thread', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parallel-'));
    await mkdir(path.join(dir, 'articles'), { recursive: true });
    await mkdir(path.join(dir, 'jobs'), { recursive: true });
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        writeFile(path.join(dir, 'articles', `story-${i}.md`), `---\ntitle: Story ${i} – “quoted”\ndate: 2016-01-0${(i % 9) + 1}T10:00\ntags: [Ofsted, tag ${i % 3}]\n---\nFirst paragraph of story ${i}, café.\n\nSecond **paragraph**.\n`),
      ),
      writeFile(path.join(dir, 'articles', 'broken.md'), '---\ntitle: [oops\n---\n'),
      writeFile(path.join(dir, 'articles', 'no-date.md'), '---\ntitle: No date\n---\nBody.\n'),
      writeFile(path.join(dir, 'jobs', 'job.md'), '---\ntitle: Social Worker\nemployer: Sandwell\nlocation: Oldbury\nsalary: Competitive\nposted: 2016-01-01\n---\nSupport families.\n'),
    ]);
    const files = await listContentFiles(dir);
    const parallel = await readInParallel(files, DEFAULT_SITE);
    const serial = await mapConcurrent(files, 8, (file) => readContentFile(file, DEFAULT_SITE));
    expect(parallel).toBeDefined();
    const view = (entries: typeof serial) =>
      entries.map((entry) => ({ problems: entry?.problems, fingerprint: entry?.fingerprint, record: entry?.record && { ...entry.record, body: entry.record.body, text: entry.record.kind === 'author' ? undefined : entry.record.text } }));
    expect(view(parallel!)).toEqual(view(serial));
    expect(parallel!.filter((entry) => entry?.record?.kind === 'article')).toHaveLength(40);
  });

  it('keeps every body whole across batches, in packs on disk, a body larger than the read buffer included', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parallel-'));
    const packs = await mkdtemp(path.join(tmpdir(), 'parallel-packs-'));
    await mkdir(path.join(dir, 'articles'), { recursive: true });
    // More files than one batch per thread, bodies of every length, and one of 1.5 MB (the read buffer is 1 MB).
    const bodies = Array.from({ length: 1300 }, (_, i) => `Body of story ${i}: ${'word '.repeat(i % 97)}end ${i}.\n`);
    bodies[700] = `The long one. ${'x'.repeat(1.5 * 1024 * 1024)}\n`;
    await Promise.all(bodies.map((body, i) => writeFile(path.join(dir, 'articles', `story-${String(i).padStart(4, '0')}.md`), `---\ntitle: Story ${i}\ndate: 2016-01-01\n---\n${body}`)));
    const loaded = await readInParallel(await listContentFiles(dir), DEFAULT_SITE, { packDir: packs });
    expect(loaded!.map((entry) => entry?.record?.body)).toEqual(bodies);
    expect(loaded![700]!.record).toMatchObject({ title: 'Story 700', readingMinutes: 1 });
  });

  it('a loader starting its reader threads before the listing reads a large folder with them, and ends them unused for a small one', async () => {
    // The process's threads, as the system counts them: a reader thread left running is one more.
    const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
    const dirs = [await mkdtemp(path.join(tmpdir(), 'eager-')), await mkdtemp(path.join(tmpdir(), 'eager-'))];
    // Counted after the file system's own thread pool has started (the mkdtemp above), which it would otherwise do in between.
    const before = threads();
    for (const [index, count] of [5, PARALLEL_MIN_FILES + 10].entries()) {
      const dir = dirs[index]!;
      await mkdir(path.join(dir, 'articles'), { recursive: true });
      await Promise.all(Array.from({ length: count }, (_, i) => writeFile(path.join(dir, 'articles', `s-${i}.md`), `---\ntitle: Story ${i}\ndate: 2016-01-01\n---\nBody ${i}.\n`)));
      const eager = await new ContentLoader(dir, { eagerReaders: true }).load();
      const plain = await new ContentLoader(dir).load();
      expect(eager.articles.map((article) => [article.slug, article.body])).toEqual(plain.articles.map((article) => [article.slug, article.body]));
      expect(eager.articles).toHaveLength(count);
      await expect.poll(threads, { timeout: 5000 }).toBe(before);
    }
  });
});
