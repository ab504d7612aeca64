/**
 * Loads a content folder and keeps what it read, file by file, so a reload
 * re-reads only the files that changed and then rebuilds the snapshot (the
 * cross-file checks and indexes) from records it already has.
 *
 * A file that turns invalid keeps its last good version live, with its
 * problems reported; fixing it publishes the fix. A reload either completes
 * or changes nothing: state is updated only after every file was read.
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FolderUnreadableError, contentKindOf, displayPath, fileStamp, fileStampSync, listContentFiles, mapConcurrent, readContentFile, type ContentFile, type LoadedFile } from './files.js';
import { cacheKey, hasLoadCache, readLoadCache, writeLoadCache } from './load-cache.js';
import { PARALLEL_MIN_FILES, readInParallel, startReaders, stopReaders, type Reader } from './parallel-read.js';
import type { ContentRecord } from './parse.js';
import { lastGoodNote, newProblems } from './problems.js';
import { readSettings, sameSettings, type Settings } from './settings-files.js';
import { buildSnapshot, type ContentSnapshot } from './snapshot.js';
import type { ContentProblem } from './types.js';

export interface LoaderOptions {
  /** SITE_URL: overrides site.yaml's `url`. */
  siteUrl?: string;
  /** Stamps each snapshot's `loadedAt` (tests pass a fixed clock). */
  clock?: () => Date;
  /**
   * A folder of its own for the load cache and article bodies
   * (DATA_DIR/content-cache): bodies are kept there rather than in memory,
   * and a restart parses only the files changed since (see load-cache.ts).
   */
  cacheDir?: string;
  /**
   * On a cold start (no load cache), start the reader threads before the
   * folder is listed, so that their start-up overlaps it (the server does;
   * a small folder then ends them unused).
   */
  eagerReaders?: boolean;
}

/** A load cache written: files, bytes of its index, time taken. */
export interface PersistReport {
  files: number;
  bytes: number;
  ms: number;
}

/** How the first load went: files reused from the load cache, and files read. */
export interface StartReport {
  fromCache: number;
  read: number;
}

export interface ReloadOptions {
  /** List the folder again, for files added or removed without an event each (a folder moved, an outage). */
  rescan?: boolean;
  /** With `rescan`: read a listed file again only when its size or time changed. */
  skipUnchanged?: boolean;
  /**
   * Nothing else is waiting on this thread (the first load): files are
   * looked at with blocking calls, several times cheaper than promises, and
   * many changed files are read on every core.
   */
  blocking?: boolean;
}

/** What a reload changed, for the log line and for tests. */
export interface ReloadReport {
  snapshot: ContentSnapshot;
  /** Display paths of files added, changed (bytes differ) and removed. */
  added: string[];
  changed: string[];
  removed: string[];
  /** The files whose new bytes were read (added or changed): absolute path, and size and time when read. */
  read: Array<{ path: string; stamp?: string }>;
  /** site.yaml or topics.yaml changed. */
  settingsChanged: boolean;
  /** Problems the previous snapshot did not have. */
  newProblems: ContentProblem[];
  ms: number;
}

/** The content folder itself cannot be read: the last good snapshot stays live. */
export class ContentUnavailableError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'ContentUnavailableError';
  }
}

interface FileState {
  loaded: LoadedFile;
  /** The live record: this version's, or the last good one when this version is invalid. */
  record?: ContentRecord;
  /** Fingerprint of the live record's bytes (the content version is made of these). */
  liveFingerprint: string;
}

type ReadResult = readonly [string, LoadedFile | undefined | 'unchanged'];

/** A reload read and built but not yet made current: `commit` it, or drop it and nothing changed. */
export interface PreparedReload {
  report: ReloadReport;
  /** The snapshot it was built on; it can only be committed while that is still current. */
  base: ContentSnapshot | undefined;
  state: { files: Map<string, FileState>; settings: Settings; folderProblems: ContentProblem[]; current: ContentSnapshot };
}

const READ_CONCURRENCY = 64;

export class ContentLoader {
  readonly root: string;
  private files = new Map<string, FileState>();
  private settings: Settings | undefined;
  /** Folders of the layout that could not be listed at the first load. */
  private folderProblems: ContentProblem[] = [];
  private current: ContentSnapshot | undefined;
  /** The snapshot whose state the load cache holds (to write only when something changed). */
  private persisted: ContentSnapshot | undefined;
  private persisting: Promise<PersistReport> | undefined;
  /**
   * Settles when `load` leaves this thread free for a while: on a cold start
   * once its files are with the reader threads (or it is done), on a restart
   * at once. The server loads its web modules then, rather than holding up
   * the listing.
   */
  readonly threadFree: Promise<void>;
  private freeThread!: () => void;
  /** Reader threads started ahead of a cold start's listing, until the read takes them. */
  private earlyReaders: Reader[] | undefined;
  /** Set by `load`. */
  start: StartReport | undefined;

  constructor(
    dir: string,
    private readonly options: LoaderOptions = {},
  ) {
    this.root = path.resolve(dir);
    this.threadFree = new Promise((resolve) => (this.freeThread = resolve));
  }

  get snapshot(): ContentSnapshot | undefined {
    return this.current;
  }

  /** How many content files (articles, jobs, authors) the folder holds, valid or not. */
  get fileCount(): number {
    return this.files.size;
  }

  /**
   * Reads the whole folder; with a load cache from an earlier run (see
   * `cacheDir`), only the files added or changed since.
   */
  async load(): Promise<ContentSnapshot> {
    const dir = this.options.cacheDir;
    // A restart (a load cache to read) hands no files to threads: the caller need not wait before loading its modules.
    if (dir && hasLoadCache(dir)) this.freeThread();
    else if (this.options.eagerReaders) this.earlyReaders = startReaders();
    try {
      return await this.loadAll();
    } finally {
      this.freeThread();
      if (this.earlyReaders) stopReaders(this.earlyReaders);
      this.earlyReaders = undefined;
    }
  }

  private async loadAll(): Promise<ContentSnapshot> {
    const cached = await this.readCache();
    if (cached) {
      this.files = cached;
      const report = await this.reload([], { rescan: true, skipUnchanged: true, blocking: true });
      this.start = { fromCache: cached.size - report.read.length - report.removed.length, read: report.read.length };
      if (report.read.length + report.removed.length === 0) this.persisted = report.snapshot;
      return report.snapshot;
    }
    const report = await this.reload([], { rescan: true });
    this.start = { fromCache: 0, read: report.read.length };
    return report.snapshot;
  }

  /**
   * Writes the load cache for the current state (when there is a cache folder
   * and the state changed since it was last written). Bodies read since
   * start-up move from memory to a pack on disk.
   */
  async persist(): Promise<PersistReport | undefined> {
    const dir = this.options.cacheDir;
    if (!dir || !this.settings || !this.current || this.persisted === this.current) return undefined;
    if (this.persisting) return this.persisting;
    const snapshot = this.current;
    const started = performance.now();
    this.persisting = writeLoadCache(dir, cacheKey(this.root, this.settings.site), this.files)
      .then((written) => {
        this.persisted = snapshot;
        return { ...written, ms: Math.round(performance.now() - started) };
      })
      .finally(() => {
        this.persisting = undefined;
      });
    return this.persisting;
  }

  private async readCache(): Promise<Map<string, FileState> | undefined> {
    const dir = this.options.cacheDir;
    if (!dir) return undefined;
    const settings = await readSettings(this.root, this.options.siteUrl, undefined);
    return readLoadCache(dir, cacheKey(this.root, settings.site));
  }

  /**
   * Re-reads `paths` (absolute; files, folders or settings, added, changed or
   * gone) and rebuilds the snapshot when anything changed.
   * Throws ContentUnavailableError or FileInFluxError and changes nothing.
   */
  async reload(paths: Iterable<string>, options: ReloadOptions = {}): Promise<ReloadReport> {
    const prepared = await this.prepare(paths, options);
    this.commit(prepared);
    return prepared.report;
  }

  /** The first half of `reload`: reads and builds, and changes nothing yet. */
  async prepare(paths: Iterable<string>, options: ReloadOptions = {}): Promise<PreparedReload> {
    const started = performance.now();
    await this.assertReadable();
    const named = new Set([...paths].map((p) => path.resolve(p)));
    const rescan = options.rescan || !this.settings;
    const settingsNamed = ['site.yaml', 'topics.yaml'].some((name) => named.has(path.join(this.root, name)));
    const settings = rescan || settingsNamed ? await readSettings(this.root, this.options.siteUrl, this.settings) : this.settings!;
    const settingsChanged = this.settings !== undefined && !sameSettings(settings, this.settings);
    const reparseAll = this.settings !== undefined && settings.site.timezone !== this.settings.site.timezone;
    const listing = rescan || reparseAll ? await this.list() : undefined;
    const targets = this.targets(named, listing?.files);
    const skip = options.skipUnchanged && !reparseAll ? (p: string) => !named.has(p) : () => false;
    const results = options.skipUnchanged && options.blocking ? await this.readChanged(targets, settings, skip) : (!options.skipUnchanged && (await this.readAllInParallel(targets, settings))) || (await mapConcurrent(targets, READ_CONCURRENCY, (p) => this.read(p, settings, skip(p))));
    const { next, report } = this.apply(results, reparseAll);
    const base = this.current;
    const folderProblems = listing ? listing.problems : this.folderProblems;
    const unchanged = base && !settingsChanged && !reparseAll && report.added.length + report.changed.length + report.removed.length === 0;
    const snapshot = unchanged ? base : this.build(next, settings, folderProblems);
    const ms = performance.now() - started;
    return {
      report: { snapshot, ...report, settingsChanged, newProblems: newProblems(snapshot.problems, base?.problems ?? []), ms },
      base,
      state: { files: next, settings, folderProblems, current: snapshot },
    };
  }

  /** Makes a prepared reload current; throws when another was committed since it was prepared. */
  commit(prepared: PreparedReload): void {
    if (prepared.base !== this.current) throw new Error('a newer reload was committed since this one was prepared');
    ({ files: this.files, settings: this.settings, folderProblems: this.folderProblems, current: this.current } = prepared.state);
  }

  /** The paths to look at: those named, every file under a folder named, and on a rescan everything listed or known. */
  private targets(named: ReadonlySet<string>, listed: readonly ContentFile[] | undefined): string[] {
    const wanted = new Set(named);
    for (const p of named) {
      // A folder removed or moved away: every known file under it is checked again.
      if (!this.files.has(p) && !contentKindOf(this.root, p)) for (const known of this.files.keys()) if (known.startsWith(p + path.sep)) wanted.add(known);
    }
    if (listed) {
      for (const file of listed) wanted.add(file.path);
      for (const known of this.files.keys()) wanted.add(known);
    }
    return [...wanted].filter((p) => this.files.has(p) || contentKindOf(this.root, p));
  }

  /** Many files (a cold start): read on every core; undefined to read them in this thread instead. */
  private async readAllInParallel(targets: readonly string[], settings: Settings): Promise<ReadResult[] | undefined> {
    if (targets.length < PARALLEL_MIN_FILES) return undefined;
    const files = targets.flatMap((p) => {
      const kind = contentKindOf(this.root, p);
      return kind ? [{ kind, path: p }] : [];
    });
    const readers = this.earlyReaders;
    this.earlyReaders = undefined;
    const loaded = await readInParallel(files, settings.site, { packDir: await this.packDir(), ...(readers ? { readers } : {}), onDispatched: () => this.freeThread() });
    if (!loaded) return undefined;
    const byPath = new Map(files.map((file, index) => [file.path, loaded[index]]));
    return targets.map((p) => [p, byPath.get(p)] as const);
  }

  /** The folder for body packs, created if need be; undefined (bodies stay in memory) without one or when it cannot be made. */
  private async packDir(): Promise<string | undefined> {
    const dir = this.options.cacheDir;
    if (!dir) return undefined;
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
      return dir;
    } catch {
      return undefined;
    }
  }

  /** `targets` looked at with blocking calls; those that changed (or may not be skipped) read, on every core when there are many. */
  private async readChanged(targets: readonly string[], settings: Settings, skip: (p: string) => boolean): Promise<ReadResult[]> {
    const results: ReadResult[] = [];
    const changed: string[] = [];
    for (const p of targets) {
      const known = this.files.get(p)?.loaded.stamp;
      if (skip(p) && known && known === fileStampSync(p)) results.push([p, 'unchanged']);
      else changed.push(p);
    }
    const read = (await this.readAllInParallel(changed, settings)) ?? (await mapConcurrent(changed, READ_CONCURRENCY, (p) => this.read(p, settings, false)));
    return results.concat(read);
  }

  /** One file read and parsed; 'unchanged' when `skipIfSame` and its size and time are as before; undefined when gone. */
  private async read(p: string, settings: Settings, skipIfSame: boolean): Promise<ReadResult> {
    const known = this.files.get(p)?.loaded.stamp;
    if (skipIfSame && known && known === (await fileStamp(p))) return [p, 'unchanged'];
    const kind = contentKindOf(this.root, p);
    return [p, kind ? await readContentFile({ kind, path: p }, settings.site) : undefined];
  }

  /** The next file states, without touching the current ones. */
  private apply(results: readonly ReadResult[], reparseAll: boolean): { next: Map<string, FileState>; report: Pick<ReloadReport, 'added' | 'changed' | 'removed' | 'read'> } {
    const report: Pick<ReloadReport, 'added' | 'changed' | 'removed' | 'read'> = { added: [], changed: [], removed: [], read: [] };
    const next = new Map(this.files);
    for (const [p, loaded] of results) {
      const previous = next.get(p);
      if (loaded === 'unchanged') continue;
      if (!loaded) {
        if (previous && next.delete(p)) report.removed.push(displayPath(p));
        continue;
      }
      const differs = previous?.loaded.fingerprint !== loaded.fingerprint;
      if (!differs && !reparseAll) continue;
      next.set(p, nextState(previous, loaded));
      report.read.push({ path: p, ...(loaded.stamp ? { stamp: loaded.stamp } : {}) });
      if (!previous) report.added.push(displayPath(p));
      else if (differs) report.changed.push(displayPath(p));
    }
    return { next, report };
  }

  private build(files: ReadonlyMap<string, FileState>, settings: Settings, folderProblems: readonly ContentProblem[]): ContentSnapshot {
    const records: ContentRecord[] = [];
    const problems: ContentProblem[] = [...settings.siteProblems, ...settings.topicProblems, ...folderProblems];
    const fingerprints: string[] = [];
    for (const state of files.values()) {
      if (state.record) records.push(state.record);
      for (const problem of state.loaded.problems) problems.push(problem);
      fingerprints.push(state.liveFingerprint);
    }
    const previous = this.current ? { previous: this.current } : {};
    return buildSnapshot({ site: settings.site, topics: settings.topics, records, problems, fingerprints, loadedAt: this.options.clock?.() ?? new Date(), ...previous });
  }

  private async assertReadable(): Promise<void> {
    try {
      await access(this.root, constants.R_OK | constants.X_OK);
    } catch (cause) {
      if (!this.current) return; // First load: an empty site, with defaults, as before.
      throw new ContentUnavailableError(`content folder ${displayPath(this.root)} cannot be read (${errorCode(cause)})`, { cause });
    }
  }

  /** The files of the layout. Once a site is live, a folder that cannot be listed keeps it as it is. */
  private async list(): Promise<{ files: ContentFile[]; problems: ContentProblem[] }> {
    try {
      return { files: await listContentFiles(this.root), problems: [] };
    } catch (error) {
      if (this.current || !(error instanceof FolderUnreadableError)) throw new ContentUnavailableError((error as Error).message, { cause: error });
      return { files: [], problems: [{ file: error.folder, field: 'file', message: `could not be read (${errorCode(error.cause)})`, severity: 'error' }] };
    }
  }
}

/** A file's new state: its new record, or its last good one when the new version is invalid. */
function nextState(previous: FileState | undefined, loaded: LoadedFile): FileState {
  if (loaded.record || !previous?.record) return { loaded, ...(loaded.record ? { record: loaded.record } : {}), liveFingerprint: loaded.fingerprint };
  const note = lastGoodNote(displayPath(loaded.file.path), 'version');
  return { loaded: { ...loaded, problems: [...loaded.problems, note] }, record: previous.record, liveFingerprint: previous.liveFingerprint };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
