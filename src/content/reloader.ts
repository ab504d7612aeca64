/**
 * Loads a content folder and keeps what it read, file by file, so a reload
 * re-reads only the files that changed and then rebuilds the snapshot (the
 * cross-file checks and indexes) from records it already has.
 *
 * A file that turns invalid keeps its last good version live, with its
 * problems reported; fixing it publishes the fix. A reload either completes
 * or changes nothing: state is updated only after every file was read.
 */
import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { FolderUnreadableError, contentKindOf, displayPath, fileStamp, listContentFiles, loadSiteSettings, loadTopics, mapConcurrent, readContentFile, type ContentFile, type LoadedFile } from './files.js';
import type { ContentRecord } from './parse.js';
import { buildSnapshot, type ContentSnapshot } from './snapshot.js';
import type { ContentProblem, SiteSettings, Topic } from './types.js';

export interface LoaderOptions {
  /** SITE_URL: overrides site.yaml's `url`. */
  siteUrl?: string;
  /** Stamps each snapshot's `loadedAt` (tests pass a fixed clock). */
  clock?: () => Date;
}

/** What a reload changed, for the log line and for tests. */
export interface ReloadReport {
  snapshot: ContentSnapshot;
  /** Display paths of files added, changed (bytes differ) and removed. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Absolute paths of the files whose new bytes were read (added or changed). */
  read: string[];
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

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

interface FileState {
  loaded: LoadedFile;
  /** The live record: this version's, or the last good one when this version is invalid. */
  record?: ContentRecord;
  /** Fingerprint of the live record's bytes (the content version is made of these). */
  liveFingerprint: string;
}

interface Settings {
  site: SiteSettings;
  siteProblems: ContentProblem[];
  topics: Topic[];
  topicProblems: ContentProblem[];
}

const READ_CONCURRENCY = 64;

export class ContentLoader {
  readonly root: string;
  private files = new Map<string, FileState>();
  private settings: Settings | undefined;
  /** Folders of the layout that could not be listed at the first load. */
  private folderProblems: ContentProblem[] = [];
  private current: ContentSnapshot | undefined;

  constructor(
    dir: string,
    private readonly options: LoaderOptions = {},
  ) {
    this.root = path.resolve(dir);
  }

  get snapshot(): ContentSnapshot | undefined {
    return this.current;
  }

  /** How many content files (articles, jobs, authors) the folder holds, valid or not. */
  get fileCount(): number {
    return this.files.size;
  }

  /** Reads the whole folder. */
  async load(): Promise<ContentSnapshot> {
    return (await this.reload([], { rescan: true })).snapshot;
  }

  /**
   * Re-reads `paths` (absolute; files or settings, added, changed or gone) and
   * rebuilds the snapshot. `rescan` lists the folder again to find files added
   * or removed without an event for each (a folder moved or deleted).
   * Throws ContentUnavailableError or FileInFluxError and changes nothing.
   */
  async reload(paths: Iterable<string>, options: { rescan?: boolean } = {}): Promise<ReloadReport> {
    const started = performance.now();
    await this.assertReadable();
    const named = new Set([...paths].map((p) => path.resolve(p)));
    const wanted = new Set(named);
    const settingsPaths = [path.join(this.root, 'site.yaml'), path.join(this.root, 'topics.yaml')];
    const rescan = options.rescan || !this.settings;
    const settings = rescan || settingsPaths.some((p) => wanted.has(p)) ? await this.readSettings() : this.settings!;
    const settingsChanged = this.settings !== undefined && !sameSettings(settings, this.settings);
    const reparseAll = this.settings !== undefined && settings.site.timezone !== this.settings.site.timezone;
    let folderProblems = this.folderProblems;
    if (rescan || reparseAll) {
      const listing = await this.list();
      folderProblems = listing.problems;
      for (const file of listing.files) wanted.add(file.path);
      for (const file of this.files.keys()) wanted.add(file);
    }
    for (const p of [...wanted]) {
      // A folder removed or moved away: every known file under it is checked again.
      if (!this.files.has(p) && !contentKindOf(this.root, p)) for (const known of this.files.keys()) if (known.startsWith(p + path.sep)) wanted.add(known);
    }
    const targets = [...wanted].filter((p) => this.files.has(p) || contentKindOf(this.root, p));
    const results = await mapConcurrent(targets, READ_CONCURRENCY, async (p) => {
      const kind = contentKindOf(this.root, p);
      // A file only listed again (not named by an event) is read only when its size or time changed.
      const known = this.files.get(p)?.loaded.stamp;
      if (!named.has(p) && !reparseAll && known && known === (await fileStamp(p))) return [p, 'unchanged'] as const;
      return [p, kind ? await readContentFile({ kind, path: p }, settings.site) : undefined] as const;
    });
    const report = { added: [] as string[], changed: [] as string[], removed: [] as string[], read: [] as string[] };
    const next = new Map(this.files);
    for (const [p, loaded] of results) {
      const previous = next.get(p);
      if (loaded === 'unchanged') continue;
      if (!loaded) {
        if (previous && next.delete(p)) report.removed.push(displayPath(p));
      } else if (!previous || previous.loaded.fingerprint !== loaded.fingerprint || reparseAll) {
        next.set(p, nextState(previous, loaded));
        report.read.push(p);
        if (!previous) report.added.push(displayPath(p));
        else if (previous.loaded.fingerprint !== loaded.fingerprint) report.changed.push(displayPath(p));
      }
    }
    const unchanged = this.current && !settingsChanged && !reparseAll && report.added.length + report.changed.length + report.removed.length === 0;
    this.files = next;
    this.settings = settings;
    this.folderProblems = folderProblems;
    const previous = this.current;
    if (!unchanged) this.current = this.build();
    return {
      snapshot: this.current!,
      ...report,
      settingsChanged,
      newProblems: newProblems(this.current!.problems, previous?.problems ?? []),
      ms: performance.now() - started,
    };
  }

  private build(): ContentSnapshot {
    const settings = this.settings!;
    const records: ContentRecord[] = [];
    const problems: ContentProblem[] = [...settings.siteProblems, ...settings.topicProblems, ...this.folderProblems];
    const fingerprints: string[] = [];
    for (const state of this.files.values()) {
      if (state.record) records.push(state.record);
      for (const problem of state.loaded.problems) problems.push(problem);
      fingerprints.push(state.liveFingerprint);
    }
    const previous = this.current ? { previous: this.current } : {};
    return buildSnapshot({ site: settings.site, topics: settings.topics, records, problems, fingerprints, loadedAt: this.options.clock?.() ?? new Date(), ...previous });
  }

  /** site.yaml and topics.yaml; a file that no longer parses at all keeps its last good settings. */
  private async readSettings(): Promise<Settings> {
    const [site, topics] = await Promise.all([loadSiteSettings(this.root, this.options.siteUrl), loadTopics(this.root)]);
    const previous = this.settings;
    const siteBroken = site.problems.some((p) => p.field === 'site.yaml');
    const topicsBroken = topics.problems.some((p) => p.field === 'topics');
    const kept = (problems: ContentProblem[], what: 'settings' | 'topics') => [...problems.map((p) => ({ ...p, message: p.message.replace(/; using defaults$/, '') })), keptNote(problems[0]!.file, what)];
    return {
      site: siteBroken && previous ? previous.site : site.site,
      siteProblems: siteBroken && previous ? kept(site.problems, 'settings') : site.problems,
      topics: topicsBroken && previous ? previous.topics : topics.topics,
      topicProblems: topicsBroken && previous ? kept(topics.problems, 'topics') : topics.problems,
    };
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
  const note = keptNote(displayPath(loaded.file.path), 'version');
  return { loaded: { ...loaded, problems: [...loaded.problems, note] }, record: previous.record, liveFingerprint: previous.liveFingerprint };
}

function keptNote(file: string, what: 'version' | 'settings' | 'topics'): ContentProblem {
  const message = what === 'version' ? 'not published: the last good version of this file stays live until it is fixed' : `the last good ${what} stay in use until the file is fixed`;
  return { file, field: 'file', message, severity: 'warning' };
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify([a.site, a.topics, a.siteProblems, a.topicProblems]) === JSON.stringify([b.site, b.topics, b.siteProblems, b.topicProblems]);
}

function problemKey(problem: ContentProblem): string {
  return `${problem.file}:${problem.line ?? ''}:${problem.field}:${problem.message}`;
}

function newProblems(current: readonly ContentProblem[], previous: readonly ContentProblem[]): ContentProblem[] {
  const seen = new Set(previous.map(problemKey));
  return current.filter((problem) => !seen.has(problemKey(problem)));
}
