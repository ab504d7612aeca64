/**
 * The content folder on disk: which files belong to the contract's layout,
 * and reading one of them. No parsing of many files, no state.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { hasUnclosedFrontMatter } from './front-matter.js';
import { MAX_FILE_BYTES, parseContentFile, splitArticleBytes, type ContentKind, type ContentRecord, type ParseOptions } from './parse.js';
import { parseSiteSettings } from './site.js';
import { parseTopics } from './topics.js';
import type { ContentProblem, SiteSettings, Topic } from './types.js';

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
  /** Size and modification time when read: a rescan skips files whose stamp is unchanged. */
  stamp?: string;
}

/** A folder of the layout exists but cannot be listed (permissions, I/O). */
export class FolderUnreadableError extends Error {
  constructor(
    readonly folder: string,
    options: { cause: unknown },
  ) {
    super(`${folder} could not be read (${(options.cause as NodeJS.ErrnoException).code ?? String(options.cause)})`, options);
    this.name = 'FolderUnreadableError';
  }
}

/** A file that vanished or changed while it was being read: the folder is changing under us; read it again later. */
export class FileInFluxError extends Error {
  constructor(
    readonly file: string,
    what: 'vanished' | 'changed',
  ) {
    super(`${file} ${what} while it was being read`);
    this.name = 'FileInFluxError';
  }
}

/** The earlier name of FileInFluxError, still exported for code that uses it. */
export { FileInFluxError as FileVanishedError };

const FOLDERS: ReadonlyArray<{ folder: string; kind: ContentKind; recursive: boolean }> = [
  { folder: 'articles', kind: 'article', recursive: true },
  { folder: 'jobs', kind: 'job', recursive: true },
  { folder: 'authors', kind: 'author', recursive: false },
];

/** The kind of content a path holds under `root`, or undefined when it is not a content file. */
export function contentKindOf(root: string, file: string): ContentKind | undefined {
  const relative = path.relative(root, file);
  if (!relative.toLowerCase().endsWith('.md') || !isContentPath(relative)) return undefined;
  const [folder, ...rest] = relative.split(/[\\/]/);
  const entry = FOLDERS.find((candidate) => candidate.folder === folder);
  if (!entry || rest.length === 0 || (!entry.recursive && rest.length > 1)) return undefined;
  return entry.kind;
}

/** Every content file of the layout; names starting with `_` or `.` (files or folders) are skipped. */
export async function listContentFiles(root: string): Promise<ContentFile[]> {
  const lists = await Promise.all(FOLDERS.map(({ folder, recursive }) => listMarkdown(path.join(root, folder), recursive)));
  return FOLDERS.flatMap(({ kind }, index) => lists[index]!.map((file) => ({ kind, path: file })));
}

async function listMarkdown(dir: string, recursive: boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive });
  } catch (error) {
    if (isMissing(error)) return [];
    throw new FolderUnreadableError(displayPath(dir), { cause: error });
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

/**
 * Reads and parses one file. Problems with the file are returned, not
 * thrown; a file that disappears between stat and read throws
 * FileInFluxError (so does one that grows or shrinks while read), and one
 * that is not there at all returns undefined.
 */
export async function readContentFile(file: ContentFile, site: SiteSettings, options: ParseOptions = {}): Promise<LoadedFile | undefined> {
  const shown = displayPath(file.path);
  let info;
  try {
    info = await stat(file.path);
  } catch (error) {
    if (isMissing(error)) return undefined;
    return unreadable(file, shown, error);
  }
  if (!info.isFile()) return undefined;
  if (info.size > MAX_FILE_BYTES) {
    const problem: ContentProblem = { file: shown, field: 'file', message: `too large (${megabytes(info.size)} MB; the limit is ${megabytes(MAX_FILE_BYTES)} MB)`, severity: 'error' };
    return { file, problems: [problem], fingerprint: `${shown}:${info.size}:${info.mtimeMs}`, stamp: stampOf(info) };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    if (isMissing(error)) throw new FileInFluxError(shown, 'vanished');
    return unreadable(file, shown, error);
  }
  if (bytes.length !== info.size) throw new FileInFluxError(shown, 'changed');
  return parseBytes(file, shown, bytes, stampOf(info), site, options);
}

/**
 * readContentFile with blocking calls on one open file (open, fstat, read,
 * close: no second look-up of the path), for a worker thread. The same
 * results: a file that is not there (or not a file) gives undefined, one that
 * grows or shrinks while read throws FileInFluxError.
 *
 * With `scratch`, a file that fits is read into it rather than into a buffer
 * of its own (no allocation per file: a worker thread reads thousands); the
 * record's `bodyBytes` is then a view of `scratch`, to be copied before the
 * next read.
 */
export function readContentFileSync(file: ContentFile, site: SiteSettings, options: ParseOptions = {}, scratch?: Buffer): LoadedFile | undefined {
  const shown = displayPath(file.path);
  let fd: number;
  try {
    // Non-blocking: a FIFO named *.md is opened without waiting for a writer, then skipped as not a file.
    fd = openSync(file.path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    return unreadable(file, shown, error);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return undefined;
    if (info.size > MAX_FILE_BYTES) {
      const problem: ContentProblem = { file: shown, field: 'file', message: `too large (${megabytes(info.size)} MB; the limit is ${megabytes(MAX_FILE_BYTES)} MB)`, severity: 'error' };
      return { file, problems: [problem], fingerprint: `${shown}:${info.size}:${info.mtimeMs}`, stamp: stampOf(info) };
    }
    const bytes = scratch && scratch.length > info.size ? scratch.subarray(0, info.size) : Buffer.allocUnsafe(info.size);
    let length = 0;
    try {
      for (let read = 1; read > 0 && length < bytes.length; length += read) read = readSync(fd, bytes, length, bytes.length - length, null);
      // Shorter than its size, or more after it: changed while read.
      if (length !== info.size || readSync(fd, Buffer.allocUnsafe(1), 0, 1, null) !== 0) throw new FileInFluxError(shown, 'changed');
    } catch (error) {
      if (error instanceof FileInFluxError) throw error;
      return unreadable(file, shown, error);
    }
    return parseBytes(file, shown, bytes, stampOf(info), site, options);
  } finally {
    closeSync(fd);
  }
}

/** One file's bytes to what it contributes. */
function parseBytes(file: ContentFile, shown: string, bytes: Buffer, stamp: string, site: SiteSettings, options: ParseOptions): LoadedFile {
  const fingerprint = `${shown}:${createHash('sha1').update(bytes).digest('base64url')}`;
  // An article with closed front matter: only the front matter is decoded; the body stays bytes.
  const split = file.kind === 'article' ? splitArticleBytes(bytes) : undefined;
  if (split) {
    const { record, problems } = parseContentFile(file.kind, shown, split.head, site, { ...options, body: split.body });
    return { file, problems, fingerprint, stamp, ...(record ? { record } : {}) };
  }
  const text = bytes.toString('utf8');
  if (hasUnclosedFrontMatter(text)) return { file, problems: [{ file: shown, line: 1, field: 'front matter', message: 'not closed: add a "---" line after the fields (is the file still being written?)', severity: 'error' }], fingerprint, stamp };
  const { record, problems } = parseContentFile(file.kind, shown, text, site, options);
  return { file, problems, fingerprint, stamp, ...(record ? { record } : {}) };
}

/** A file's size and modification time, or undefined when it cannot be seen. */
export async function fileStamp(file: string): Promise<string | undefined> {
  try {
    return stampOf(await stat(file));
  } catch {
    return undefined;
  }
}

/** The same, with a blocking call (for a thread with nothing else to do). */
export function fileStampSync(file: string): string | undefined {
  try {
    return stampOf(statSync(file));
  } catch {
    return undefined;
  }
}

/** Size, modification and change times, and inode: any write to the file, or a file put in its place, changes it. */
function stampOf(info: Stats): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
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

function unreadable(file: ContentFile, shown: string, error: unknown): LoadedFile {
  const message = `could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  return { file, problems: [{ file: shown, field: 'file', message, severity: 'error' }], fingerprint: `${shown}:unreadable` };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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
