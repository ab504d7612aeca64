/**
 * Reading many content files on every core: a cold start of a large archive
 * hands the files, a batch at a time, to worker threads (read-worker.ts) that
 * read and parse them; the records come back with their bodies as bytes.
 * Small batches keep each worker's memory small and share the work evenly.
 * Below PARALLEL_MIN_FILES, or where workers cannot start (TypeScript run by a
 * test runner that does not register a loader in workers), the caller reads
 * in this thread as before.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BodyPack } from './body-packs.js';
import { withBodyBytes, withPackedBody } from './compact-text.js';
import { FileInFluxError, type ContentFile, type LoadedFile } from './files.js';
import type { ReadReply, ReadRequest } from './read-worker.js';
import type { SiteSettings } from './types.js';

/** Fewer files than this are read in this thread: starting workers costs about 100 ms. */
export const PARALLEL_MIN_FILES = 2000;
const MAX_WORKERS = 8;
const BATCH_FILES = 500;

/** A reader thread, and why it ended (it fails, or exits) once it has. */
export interface Reader {
  worker: Worker;
  ended: Promise<Error>;
}

export interface ParallelReadOptions {
  /** Article bodies are left on disk in pack files here (one per thread, see body-packs.ts) instead of in memory. */
  packDir?: string;
  /** Threads from startReaders to use (and end), instead of starting new ones. */
  readers?: Reader[];
  /** Called once every thread has its first batches: this thread is free until their replies come. */
  onDispatched?: () => void;
}

/** Reads and parses `files` on worker threads; undefined when workers are not available here. */
export async function readInParallel(files: readonly ContentFile[], site: SiteSettings, { packDir, readers, onDispatched }: ParallelReadOptions = {}): Promise<Array<LoadedFile | undefined> | undefined> {
  const results = new Array<LoadedFile | undefined>(files.length);
  const batch = randomBytes(4).toString('hex');
  let next = 0;
  let influx: ReadReply['influx'];
  // Each thread has two batches in hand, so it never waits while this thread is busy with a reply (or loading modules).
  const run = ({ worker, ended }: Reader, index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const pack = packDir ? path.join(packDir, `bodies-${batch}-${index}.pack`) : undefined;
      const inHand: number[] = [];
      const send = () => {
        if (next >= files.length || influx) return;
        const start = next;
        next = Math.min(files.length, next + BATCH_FILES);
        inHand.push(start);
        const request: ReadRequest = { files: files.slice(start, next), site, ...(pack ? { pack } : {}) };
        worker.postMessage(request);
      };
      worker.on('message', (reply: ReadReply) => {
        influx ??= reply.influx;
        unpack(reply, results, inHand.shift()!, pack);
        send();
        if (inHand.length === 0) resolve();
      });
      void ended.then(reject);
      send();
      send();
      if (inHand.length === 0) resolve();
    });
  const threads = readers ?? startReaders();
  try {
    const running = threads.map(run);
    onDispatched?.();
    await Promise.all(running);
  } catch {
    return undefined;
  } finally {
    await Promise.all(threads.map(({ worker }) => worker.terminate()));
  }
  if (influx) throw new FileInFluxError(influx.file, 'changed');
  return results;
}

/**
 * One reader thread per core, for readInParallel, which ends them. Started
 * ahead of the file list on a cold start, their start-up (loading the parser,
 * about 150 ms) overlaps the listing of the folder.
 */
export function startReaders(): Reader[] {
  return Array.from({ length: Math.min(MAX_WORKERS, Math.max(1, availableParallelism())) }, () => {
    const worker = startWorker();
    // Listened for from the start: a thread that fails while nobody has work for it yet is not missed.
    const ended = new Promise<Error>((resolve) => {
      worker.once('error', resolve);
      worker.once('exit', (code) => resolve(new Error(`content reader exited with ${code}`)));
    });
    return { worker, ended };
  });
}

/** Ends reader threads that were not used after all. */
export function stopReaders(readers: readonly Reader[]): void {
  for (const { worker } of readers) void worker.terminate();
}

/** A reader thread; run from TypeScript source (development, tests) it registers tsx's loader first. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url));
  const script = new URL('./read-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`, { eval: true });
}

/** The records of one reply, with their bodies made views of the reply's one buffer, or places in the thread's pack. */
function unpack(reply: ReadReply, results: Array<LoadedFile | undefined>, offset: number, packFile: string | undefined): void {
  const bodies = reply.bodies ? Buffer.from(reply.bodies) : undefined;
  const pack = !bodies && packFile ? BodyPack.at(packFile) : undefined;
  reply.loaded.forEach((loaded, index) => {
    const start = reply.ranges[index * 2]!;
    const end = reply.ranges[index * 2 + 1]!;
    if (loaded?.record && start >= 0) loaded.record = bodies ? withBodyBytes(loaded.record, bodies.subarray(start, end)) : withPackedBody(loaded.record, pack!, start, end - start);
    results[offset + index] = loaded;
  });
}
