import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listContentFiles, mapConcurrent, readContentFile } from '../../src/content/files.js';
import { readInParallel } from '../../src/content/parallel-read.js';
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
});
