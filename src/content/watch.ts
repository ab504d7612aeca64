/**
 * Live content: watches the content folder and, once a burst of changes goes
 * quiet, reloads the files that changed and swaps the new snapshot into the
 * store in one assignment. A burst (a `git pull` of 500 files) is one reload.
 * A failed reload (folder unreadable or gone, a file vanishing mid-read)
 * keeps the last good snapshot live, is logged, and is retried; after the
 * folder comes back the watcher is started afresh.
 */
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { fileStamp, isContentPath } from './files.js';
import { logReload, type ContentLogger } from './reload-log.js';
import { ContentUnavailableError, type ContentLoader, type ReloadReport } from './reloader.js';
import type { ContentStore } from './store.js';

export interface WatchOptions {
  loader: ContentLoader;
  store: ContentStore;
  logger?: ContentLogger;
  /**
   * Quiet time that ends a burst of changes (ms). It is also the stability
   * window for files being written: a file still being written keeps making
   * events, so it is read only once the whole folder has been still this long.
   */
  debounceMs?: number;
  /** A burst that never goes quiet still reloads this often (ms). */
  maxWaitMs?: number;
  /**
   * chokidar's awaitWriteFinish per file (ms): for file systems that report
   * writes late or in pieces (network shares). Off by default: it delays each
   * file's event by its own timer, which can split one burst into several reloads.
   */
  writeFinishMs?: number;
  /** Poll instead of native events (network file systems). */
  usePolling?: boolean;
  /** Called after a new snapshot is swapped in, to prepare what the next request needs (the server builds the current view). */
  warm?: () => void;
}

export type ReloadOutcome = { ok: true; report: ReloadReport } | { ok: false; error: Error };

export interface ContentWatcher {
  /** Resolves once the watcher has seen the folder and will report changes. */
  ready: Promise<void>;
  /** The next reload that finishes (and matches, when `match` is given). */
  nextReload(match?: (outcome: ReloadOutcome) => boolean): Promise<ReloadOutcome>;
  close(): Promise<void>;
}

const RETRY_MS = [250, 1000, 5000, 30_000];

export function watchContent(options: WatchOptions): ContentWatcher {
  const { loader, store, logger } = options;
  const debounceMs = options.debounceMs ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const pending = new Set<string>();
  const waiters: Array<{ match: (outcome: ReloadOutcome) => boolean; resolve: (outcome: ReloadOutcome) => void }> = [];
  let rescan = false;
  let burstStarted = 0;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let failures = 0;
  let folderLost = false;
  let closed = false;

  const onEvent = (event: string, file: string): void => {
    // Files in a folder added come as `add` events of their own; a folder
    // removed is checked against the files known under it.
    if (event === 'addDir') return;
    pending.add(path.resolve(file));
    schedule(debounceMs);
  };
  let watcher: FSWatcher;
  const ready = watchAfresh();

  /**
   * Starts chokidar; once it has seen the folder, looks at every file once
   * more (by size and time), for edits made before the watches were in place.
   */
  function watchAfresh(): Promise<void> {
    watcher = startWatcher(loader.root, options, onEvent, logger);
    return new Promise<void>((resolve) =>
      watcher.once('ready', () => {
        rescan = true;
        schedule(debounceMs);
        resolve();
      }),
    );
  }

  function schedule(delay: number): void {
    if (closed) return;
    const now = Date.now();
    if (!timer) burstStarted = now;
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(delay, burstStarted + Math.max(maxWaitMs, delay) - now)));
  }

  async function flush(): Promise<void> {
    timer = undefined;
    if (running) return; // The running reload schedules the next one when it ends.
    running = true;
    const paths = [...pending];
    const wasRescan = rescan;
    pending.clear();
    rescan = false;
    const outcome = await reload(paths, wasRescan);
    running = false;
    if (outcome) settle(outcome);
    if (pending.size > 0 && !timer) schedule(!outcome || outcome.ok ? debounceMs : retryDelay(failures - 1));
  }

  /** One reload, published; undefined when it was dropped because a file changed while it was read. */
  async function reload(paths: string[], wasRescan: boolean): Promise<ReloadOutcome | undefined> {
    const requeue = (withRescan: boolean) => {
      for (const p of paths) pending.add(p);
      rescan ||= withRescan;
    };
    try {
      const prepared = await loader.prepare(paths, { rescan: wasRescan, skipUnchanged: true });
      if (await changedWhileRead(prepared.report, pending)) {
        requeue(wasRescan); // Maybe caught half-written: nothing changed; read it all again once quiet.
        return undefined;
      }
      loader.commit(prepared);
      const { report } = prepared;
      if (report.snapshot !== store.snapshot) {
        store.replace(report.snapshot);
        options.warm?.();
      }
      failures = 0;
      logReload(logger, report);
      if (folderLost) await restartWatcher();
      return { ok: true, report };
    } catch (error) {
      // Nothing changed: put the work back and try again shortly.
      const unavailable = error instanceof ContentUnavailableError;
      requeue(wasRescan || unavailable);
      folderLost ||= unavailable;
      logger?.error({ err: error, retryMs: retryDelay(failures++) }, `content reload failed, the last good content stays live: ${(error as Error).message}`);
      return { ok: false, error: error as Error };
    }
  }

  function settle(outcome: ReloadOutcome): void {
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(outcome)) waiter.resolve(outcome);
      else waiters.push(waiter);
    }
  }

  /** The folder was gone or unreadable: its watches are lost, so watch it afresh and look again. */
  async function restartWatcher(): Promise<void> {
    folderLost = false;
    await watcher.close();
    if (!closed) await watchAfresh();
  }

  return {
    ready,
    nextReload: (match = () => true) => new Promise((resolve) => waiters.push({ match, resolve })),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** A file this reload read has changed since (new events, another size or time): what was read may be partial. */
async function changedWhileRead(report: ReloadReport, pending: ReadonlySet<string>): Promise<boolean> {
  for (const { path: file, stamp } of report.read) {
    if (pending.has(file) && (await fileStamp(file)) !== stamp) return true;
  }
  return false;
}

function retryDelay(failures: number): number {
  return RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!;
}

function startWatcher(root: string, options: WatchOptions, onEvent: (event: string, file: string) => void, logger: ContentLogger | undefined): FSWatcher {
  const writeFinishMs = options.writeFinishMs ?? 0;
  const watcher = chokidar.watch(root, {
    ignoreInitial: true,
    // Events only name paths to look at again; a reload reads what is there then, so
    // an editor's delete-and-recreate save needs no special case (and no 100 ms delay).
    atomic: false,
    ignored: (p: string) => {
      const relative = path.relative(root, p);
      return relative !== '' && !relative.startsWith('..') && !isContentPath(relative);
    },
    ...(writeFinishMs > 0 ? { awaitWriteFinish: { stabilityThreshold: writeFinishMs, pollInterval: Math.max(10, Math.round(writeFinishMs / 4)) } } : {}),
    ...(options.usePolling ? { usePolling: true, interval: 100 } : {}),
  });
  watcher.on('all', onEvent);
  watcher.on('error', (error) => logger?.error({ err: error }, `content watcher: ${(error as Error).message}`));
  return watcher;
}
