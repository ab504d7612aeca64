/**
 * Reading many content files on every core: a cold start of a large archive
 * hands the files, a batch at a time, to worker threads (read-worker.ts) that
 * read and parse them; the records come back with their bodies as bytes.
 * Small batches keep each worker's memory small and share the work evenly.
 * Below PARALLEL_MIN_FILES, or where workers cannot start (TypeScript run by a
 * test runner that does not register a loader in workers), the caller reads
 * in this thread as before.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { withBodyBytes } from './compact-text.js';
import { FileInFluxError, type ContentFile, type LoadedFile } from './files.js';
import type { ReadReply, ReadRequest } from './read-worker.js';
import type { SiteSettings } from './types.js';

/** Fewer files than this are read in this thread: starting workers costs about 100 ms. */
export const PARALLEL_MIN_FILES = 2000;
const MAX_WORKERS = 8;
const BATCH_FILES = 500;

/** Reads and parses `files` on worker threads; undefined when workers are not available here. */
export async function readInParallel(files: readonly ContentFile[], site: SiteSettings): Promise<Array<LoadedFile | undefined> | undefined> {
  const count = Math.min(MAX_WORKERS, Math.max(1, availableParallelism()));
  const results = new Array<LoadedFile | undefined>(files.length);
  let next = 0;
  let influx: ReadReply['influx'];
  const run = async (worker: Worker): Promise<void> => {
    while (next < files.length && !influx) {
      const start = next;
      next = Math.min(files.length, next + BATCH_FILES);
      const reply = await ask(worker, { files: files.slice(start, next), site });
      influx ??= reply.influx;
      unpack(reply, results, start);
    }
  };
  const workers = Array.from({ length: count }, startWorker);
  try {
    await Promise.all(workers.map(run));
  } catch {
    return undefined;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  if (influx) throw new FileInFluxError(influx.file, 'changed');
  return results;
}

/** A reader thread; run from TypeScript source (development, tests) it registers tsx's loader first. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./read-worker.js', import.meta.url));
  const script = new URL('./read-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); })`, { eval: true });
}

/** The records of one reply, with their bodies made views of the reply's one buffer. */
function unpack(reply: ReadReply, results: Array<LoadedFile | undefined>, offset: number): void {
  const bodies = Buffer.from(reply.bodies);
  reply.loaded.forEach((loaded, index) => {
    const start = reply.ranges[index * 2]!;
    if (loaded?.record && start >= 0) loaded.record = withBodyBytes(loaded.record, bodies.subarray(start, reply.ranges[index * 2 + 1]!));
    results[offset + index] = loaded;
  });
}

function ask(worker: Worker, request: ReadRequest): Promise<ReadReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ReadReply) => {
      worker.off('error', onError).off('exit', onExit);
      resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage).off('exit', onExit);
      reject(error);
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage).off('error', onError);
      reject(new Error(`content reader exited with ${code}`));
    };
    worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage(request);
  });
}
