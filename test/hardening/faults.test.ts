/**
 * Faults in the content folder keep the last good site live. Tests run as
 * root, where chmod 000 does not stop reads, so the file system is wrapped
 * and told to fail: EACCES for a file or folder, the folder itself gone, and
 * a file that is listed and then vanishes before it is read. Reloads go
 * through ContentLoader (what the watcher calls) and the site through the
 * real app on the store the watcher would update.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { ContentLoader, ContentUnavailableError } from '../../src/content/reloader.js';
import { FileVanishedError } from '../../src/content/files.js';
import { ContentStore } from '../../src/content/store.js';
import { FIXTURES, FIXTURE_NOW } from '../support/app.js';

/** Path suffix → the failure to inject. */
const faults = vi.hoisted(() => ({ access: new Map<string, string>(), readdir: new Map<string, string>(), readFile: new Map<string, string>() }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const injected = (table: Map<string, string>, target: unknown) => [...table].find(([suffix]) => String(target).endsWith(suffix))?.[1];
  const fail = (code: string) => Object.assign(new Error(`${code}: injected by the test`), { code });
  const wrapped = {
    ...fs,
    access: async (...args: Parameters<typeof fs.access>) => {
      const code = injected(faults.access, args[0]);
      if (code) throw fail(code);
      return fs.access(...args);
    },
    readdir: (async (...args: Parameters<typeof fs.readdir>) => {
      const code = injected(faults.readdir, args[0]);
      if (code) throw fail(code);
      return fs.readdir(...args);
    }) as typeof fs.readdir,
    readFile: (async (...args: Parameters<typeof fs.readFile>) => {
      const code = injected(faults.readFile, args[0]);
      if (code === 'vanish') {
        await fs.rm(String(args[0]));
        throw fail('ENOENT');
      }
      if (code) throw fail(code);
      return fs.readFile(...args);
    }) as typeof fs.readFile,
  };
  return { ...wrapped, default: wrapped };
});

let dir: string;
let loader: ContentLoader;
let store: ContentStore;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faults-'));
  await cp(path.join(FIXTURES, 'site'), dir, { recursive: true });
  loader = new ContentLoader(dir, { clock: () => FIXTURE_NOW });
  store = new ContentStore(await loader.load());
  app = createApp({ config: readConfig({ CONTENT_DIR: dir, NODE_ENV: 'production' }), store, now: () => FIXTURE_NOW });
});

afterEach(async () => {
  for (const table of Object.values(faults)) table.clear();
  await rm(dir, { recursive: true, force: true });
});

/** What the watcher does: publish a reload that succeeded, keep the live snapshot when it throws. */
async function reload(paths: string[], options: { rescan?: boolean } = {}): Promise<Error | undefined> {
  try {
    const report = await loader.reload(paths, options);
    store.replace(report.snapshot);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

async function expectSiteLive(): Promise<void> {
  const [article, home, jobs] = await Promise.all([request(app).get('/news/sandwell-trust'), request(app).get('/'), request(app).get('/jobs')]);
  expect([article.status, home.status, jobs.status]).toEqual([200, 200, 200]);
  expect(article.text).toContain('Sandwell children');
}

describe('the content folder becoming unreadable', () => {
  it('keeps the last good site when the folder itself cannot be opened', async () => {
    const before = store.snapshot;
    faults.access.set(dir, 'EACCES');
    const error = await reload([], { rescan: true });
    expect(error).toBeInstanceOf(ContentUnavailableError);
    expect(error?.message).toContain('EACCES');
    expect(store.snapshot).toBe(before);
    await expectSiteLive();
  });

  it('keeps the last good site when a folder of the layout cannot be listed', async () => {
    const before = store.snapshot;
    faults.readdir.set(`${path.sep}articles`, 'EACCES');
    const error = await reload([], { rescan: true });
    expect(error?.message).toMatch(/articles could not be read \(EACCES\)/);
    expect(store.snapshot).toBe(before);
    await expectSiteLive();
  });

  it('keeps the last good site when the folder is deleted and replaced by a file', async () => {
    const before = store.snapshot;
    await rm(dir, { recursive: true });
    await import('node:fs/promises').then((fs) => fs.writeFile(dir, 'not a folder'));
    expect(await reload([], { rescan: true })).toBeInstanceOf(ContentUnavailableError);
    expect(store.snapshot).toBe(before);
    await expectSiteLive();
  });

  it('keeps the last good version of one file that cannot be read, and reports it', async () => {
    const file = path.join(dir, 'articles/sandwell-trust.md');
    faults.readFile.set('sandwell-trust.md', 'EACCES');
    expect(await reload([file])).toBeUndefined();
    const messages = store.snapshot.problems.filter((problem) => problem.file.endsWith('sandwell-trust.md')).map((problem) => problem.message);
    expect(messages).toContain('could not be read (EACCES)');
    expect(messages.some((message) => message.includes('last good version'))).toBe(true);
    await expectSiteLive();
  });
});

describe('a file vanishing mid-reload', () => {
  it('changes nothing until the folder holds still, then publishes the removal', async () => {
    const before = store.snapshot;
    const file = path.join(dir, 'articles/birmingham-trust.md');
    faults.readFile.set('birmingham-trust.md', 'vanish');
    const error = await reload([file, path.join(dir, 'articles/sandwell-trust.md')]);
    expect(error).toBeInstanceOf(FileVanishedError);
    expect(store.snapshot).toBe(before);
    await expectSiteLive();
    expect((await request(app).get('/news/birmingham-trust')).status).toBe(200);

    faults.readFile.clear();
    expect(await reload([file])).toBeUndefined();
    expect((await request(app).get('/news/birmingham-trust')).status).toBe(404);
    await expectSiteLive();
  });

  it('keeps the site when a file vanishes during a full rescan', async () => {
    const before = store.snapshot;
    faults.readFile.set('social-worker.md', 'vanish');
    expect(await reload([], { rescan: true })).toBeInstanceOf(FileVanishedError);
    expect(store.snapshot).toBe(before);
    expect((await request(app).get('/jobs/social-worker')).status).toBe(200);
  });
});
