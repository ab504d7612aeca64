/**
 * A real server (app.listen(0)) with the content watcher, on a temporary
 * content folder that tests write, break, rename and delete files in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { ContentLoader } from '../../src/content/reloader.js';
import { ContentStore } from '../../src/content/store.js';
import { watchContent, type ContentWatcher, type ReloadOutcome } from '../../src/content/watch.js';

export interface LiveSite {
  dir: string;
  url: string;
  store: ContentStore;
  watcher: ContentWatcher;
  /** Every reload that finished, in order. */
  outcomes: ReloadOutcome[];
  get(pathname: string): Promise<{ status: number; text: string; $: cheerio.CheerioAPI }>;
  close(): Promise<void>;
}

export const SITE_YAML = 'name: Live News\nurl: https://live.example.org\ntimezone: Europe/London\nperPage: 50\n';

/** A temporary content folder holding `files` (relative path → text). */
export async function contentFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-live-'));
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

/** Writes every file before the watcher sees any, as another process (git) would. */
export function writeFilesAtOnce(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** An article file's text. */
export function article(fields: { title: string; date?: string; tags?: string[]; draft?: boolean; summary?: string }, body = 'The body of the story.'): string {
  const lines = ['---', `title: ${JSON.stringify(fields.title)}`, `date: ${fields.date ?? '2016-06-01T09:00'}`];
  if (fields.tags) lines.push(`tags: ${JSON.stringify(fields.tags)}`);
  if (fields.summary) lines.push(`summary: ${JSON.stringify(fields.summary)}`);
  if (fields.draft) lines.push('draft: true');
  return `${lines.join('\n')}\n---\n${body}\n`;
}

/** A job file's text. */
export function job(fields: { title: string; closes?: string; tags?: string[] }): string {
  const lines = ['---', `title: ${JSON.stringify(fields.title)}`, 'employer: Sandwell Council', 'location: West Bromwich', 'salary: Competitive', 'posted: 2016-06-01'];
  if (fields.closes) lines.push(`closes: ${fields.closes}`);
  if (fields.tags) lines.push(`tags: ${JSON.stringify(fields.tags)}`);
  return `${lines.join('\n')}\n---\nThe job.\n`;
}

export async function startLiveSite(dir: string, options: { now?: Date; env?: NodeJS.ProcessEnv; debounceMs?: number; maxWaitMs?: number; writeFinishMs?: number } = {}): Promise<LiveSite> {
  const config = readConfig({ CONTENT_DIR: dir, LOG_LEVEL: 'silent', ...options.env });
  const loader = new ContentLoader(dir);
  const store = new ContentStore(await loader.load(), { preview: config.preview });
  const watcher = watchContent({ loader, store, debounceMs: options.debounceMs ?? 200, maxWaitMs: options.maxWaitMs ?? 5000, ...(options.writeFinishMs ? { writeFinishMs: options.writeFinishMs } : {}) });
  const outcomes: ReloadOutcome[] = [];
  const record = (): void => {
    void watcher.nextReload().then((outcome) => {
      outcomes.push(outcome);
      record();
    });
  };
  record();
  await watcher.ready;
  const now = options.now ?? new Date('2016-06-15T12:00:00Z');
  const app = createApp({ config, store, now: () => now });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    dir,
    url,
    store,
    watcher,
    outcomes,
    get: async (pathname) => {
      const res = await fetch(url + pathname, { redirect: 'manual' });
      const text = await res.text();
      return { status: res.status, text, $: cheerio.load(text) };
    },
    close: async () => {
      await watcher.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Hrefs of the article cards in the page's main column. */
export function cardLinks($: cheerio.CheerioAPI): string[] {
  return $('main .card__title a')
    .map((_, a) => $(a).attr('href'))
    .get();
}
