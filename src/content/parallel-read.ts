/**
 * Reading many content files on every core: a cold start of a large archive
 * splits the files between worker threads (read-worker.ts), each reading and
 * parsing its share; the records come back with their bodies as bytes.
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

/** Reads and parses `files` on worker threads; undefined when workers are not available here. */
export async function readInParallel(files: readonly ContentFile[], site: SiteSettings): Promise<Array<LoadedFile | undefined> | undefined> {
  const count = Math.min(MAX_WORKERS, Math.max(1, availableParallelism()));
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, index) => index % count === i));
  let replies: ReadReply[];
  try {
    replies = await Promise.all(shares.map((share) => readShare({ files: share, site })));
  } catch (error) {
    if (error instanceof FileInFluxError) throw error;
    return undefined;
  }
  const results = new Array<LoadedFile | undefined>(files.length);
  replies.forEach((reply, worker) => {
    if (reply.influx) throw new FileInFluxError(reply.influx.file, 'changed');
    const bodies = Buffer.from(reply.bodies);
    reply.loaded.forEach((loaded, index) => {
      const start = reply.ranges[index * 2]!;
      if (loaded?.record && start >= 0) loaded.record = withBodyBytes(loaded.record, bodies.subarray(start, reply.ranges[index * 2 + 1]!));
      results[index * count + worker] = loaded;
    });
  });
  return results;
}

function readShare(request: ReadRequest): Promise<ReadReply> {
  const script = new URL(`./read-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.once('message', (reply: ReadReply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`content reader exited with ${code}`)));
    worker.postMessage(request);
  });
}
