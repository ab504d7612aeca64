/**
 * Worker thread of parallel-read.ts: reads and parses a share of the content
 * files, and hands back the records with every article body either appended
 * to the thread's pack file on disk (`pack`, see body-packs.ts) or packed
 * into one transferred buffer of UTF-8 bytes (no copy of the text on the way
 * back).
 */
import { parentPort } from 'node:worker_threads';
import { PackWriter } from './body-packs.js';
import { FileInFluxError, readContentFileSync, type ContentFile, type LoadedFile } from './files.js';
import type { SiteSettings } from './types.js';

export interface ReadRequest {
  files: ContentFile[];
  site: SiteSettings;
  /** The pack file this thread appends bodies to; without it bodies come back in `bodies`. */
  pack?: string;
}

export interface ReadReply {
  /** One per file, in order; undefined when the file is gone. */
  loaded: Array<LoadedFile | undefined>;
  /** Article body i is bytes[start, end) of `bodies`, or of the pack file; -1 when there is none. */
  ranges: Float64Array;
  bodies?: ArrayBuffer;
  /** A file that changed while read: the whole read is to be retried (see FileInFluxError). */
  influx?: { file: string; message: string };
}

const writers = new Map<string, PackWriter>();

/** Files are read into this (see readContentFileSync), and each body copied out at once. */
const scratch = Buffer.allocUnsafeSlow(1 << 20);

/** A batch's bodies, end to end: grown by doubling, kept from batch to batch. */
let bodies = Buffer.allocUnsafeSlow(8 << 20);

parentPort?.on('message', async ({ files, site, pack }: ReadRequest) => {
  let influx: ReadReply['influx'];
  const loaded: Array<LoadedFile | undefined> = [];
  const ranges = new Float64Array(files.length * 2).fill(-1);
  let used = 0;
  files.forEach((file, index) => {
    let entry: LoadedFile | undefined;
    try {
      entry = readContentFileSync(file, site, { compact: false }, scratch);
    } catch (error) {
      if (!(error instanceof FileInFluxError)) throw error;
      influx ??= { file: error.file, message: error.message };
    }
    loaded.push(entry);
    const body = (entry?.record as { bodyBytes?: Buffer } | undefined)?.bodyBytes;
    if (!body) return;
    if (used + body.length > bodies.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(bodies.length * 2, used + body.length));
      bodies.copy(grown, 0, 0, used);
      bodies = grown;
    }
    ranges[index * 2] = used;
    used += body.copy(bodies, used);
    ranges[index * 2 + 1] = used;
    // A copy without the bytes rather than `delete`, which would leave the record a slow dictionary to clone.
    const { bodyBytes: _bytes, ...record } = entry!.record as unknown as Record<string, unknown>;
    entry!.record = record as unknown as LoadedFile['record'];
  });
  if (pack) {
    // One write for the batch; the ranges become places in the pack.
    let writer = writers.get(pack);
    if (!writer) writers.set(pack, (writer = new PackWriter(pack)));
    const base = writer.append(bodies.subarray(0, used));
    writer.close();
    for (let i = 0; i < ranges.length; i++) if (ranges[i]! >= 0) ranges[i] = ranges[i]! + base;
    const reply: ReadReply = { loaded, ranges, ...(influx ? { influx } : {}) };
    parentPort!.postMessage(reply, [ranges.buffer as ArrayBuffer]);
    return;
  }
  // Without a pack the bodies travel with the reply, in a buffer of their own.
  const transferred = new ArrayBuffer(used);
  bodies.copy(Buffer.from(transferred), 0, 0, used);
  const reply: ReadReply = { loaded, ranges, bodies: transferred, ...(influx ? { influx } : {}) };
  parentPort!.postMessage(reply, [transferred, ranges.buffer as ArrayBuffer]);
});
