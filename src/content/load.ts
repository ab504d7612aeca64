/**
 * The only code that reads the content folder. Lists the files of the
 * contract's layout, reads them with bounded concurrency, parses each once and
 * builds a snapshot. A bad file is reported and left out; the rest still load.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_BYTES, parseContentFile, type ContentKind, type ContentRecord } from './parse.js';
import { parseSiteSettings } from './site.js';
import { parseTopics } from './topics.js';
import { buildSnapshot, type ContentSnapshot } from './snapshot.js';
import type { ContentProblem, SiteSettings, Topic } from './types.js';

export interface LoadOptions {
  /** SITE_URL: overrides site.yaml's `url`. */
  siteUrl?: string;
  /** When the snapshot is stamped as loaded (tests pass a fixed clock). */
  now?: Date;
}

export interface ContentFile {
  kind: ContentKind;
  /** Absolute path. */
  path: string;
}

/** What one file contributed: its record or problems, and a fingerprint of its bytes. */
export interface LoadedFile {
  file: ContentFile;
  record?: ContentRecord;
  problems: ContentProblem[];
  fingerprint: string;
}

const READ_CONCURRENCY = 64;

export async function loadContent(dir: string, options: LoadOptions = {}): Promise<ContentSnapshot> {
  const root = path.resolve(dir);
  const [site, topics, files] = await Promise.all([loadSiteSettings(root, options.siteUrl), loadTopics(root), listContentFiles(root)]);
  const loaded = await mapConcurrent(files, READ_CONCURRENCY, (file) => loadFile(file, site.site));
  return buildSnapshot({
    site: site.site,
    topics: topics.topics,
    records: loaded.flatMap((entry) => (entry.record ? [entry.record] : [])),
    problems: [...site.problems, ...topics.problems, ...loaded.flatMap((entry) => entry.problems)],
    fingerprints: loaded.map((entry) => entry.fingerprint),
    loadedAt: options.now ?? new Date(),
  });
}

export async function loadSiteSettings(root: string, siteUrl?: string): Promise<{ site: SiteSettings; problems: ContentProblem[] }> {
  const file = path.join(root, 'site.yaml');
  return parseSiteSettings(displayPath(file), await readOptional(file), siteUrl);
}

export async function loadTopics(root: string): Promise<{ topics: Topic[]; problems: ContentProblem[] }> {
  const file = path.join(root, 'topics.yaml');
  return parseTopics(displayPath(file), await readOptional(file));
}

/** A settings file's text, or undefined when it is missing or unreadable (defaults apply). */
async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reads and parses one file; never throws. */
export async function loadFile(file: ContentFile, site: SiteSettings): Promise<LoadedFile> {
  const shown = displayPath(file.path);
  try {
    const info = await stat(file.path);
    if (info.size > MAX_FILE_BYTES) {
      const problem: ContentProblem = { file: shown, field: 'file', message: `too large (${megabytes(info.size)} MB; the limit is ${megabytes(MAX_FILE_BYTES)} MB)`, severity: 'error' };
      return { file, problems: [problem], fingerprint: `${shown}:${info.size}:${info.mtimeMs}` };
    }
    const bytes = await readFile(file.path);
    const fingerprint = `${shown}:${createHash('sha1').update(bytes).digest('base64url')}`;
    const { record, problems } = parseContentFile(file.kind, shown, bytes.toString('utf8'), site);
    return { file, problems, fingerprint, ...(record ? { record } : {}) };
  } catch (error) {
    const message = `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    return { file, problems: [{ file: shown, field: 'file', message, severity: 'error' }], fingerprint: `${shown}:unreadable` };
  }
}

/** Every content file of the layout; names starting with `_` or `.` (files or folders) are skipped. */
export async function listContentFiles(root: string): Promise<ContentFile[]> {
  const [articles, jobs, authors] = await Promise.all([
    listMarkdown(path.join(root, 'articles'), true),
    listMarkdown(path.join(root, 'jobs'), true),
    listMarkdown(path.join(root, 'authors'), false),
  ]);
  return [
    ...articles.map((p) => ({ kind: 'article' as const, path: p })),
    ...jobs.map((p) => ({ kind: 'job' as const, path: p })),
    ...authors.map((p) => ({ kind: 'author' as const, path: p })),
  ];
}

async function listMarkdown(dir: string, recursive: boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => isContentPath(path.relative(dir, file)))
    .sort();
}

/** False for editor scratch files and folders: any segment starting with `_` or `.`. */
export function isContentPath(relative: string): boolean {
  return relative.split(/[\\/]/).every((segment) => !segment.startsWith('_') && !segment.startsWith('.'));
}

/** Paths in problems are relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
