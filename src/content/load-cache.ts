/**
 * What a start-up needs from the last run, kept in the data folder
 * (DATA_DIR/content-cache/): every content file's parsed state (record,
 * problems, fingerprint, and the size, times and inode it had when read),
 * with article bodies in pack files beside it (body-packs.ts). A restart
 * reads this, looks at each file's stamp, and parses only the files that
 * were added or changed since: start-up then costs a stat per file instead
 * of a parse. A file that was valid and is now broken keeps its last good
 * version, as it would on a live reload.
 *
 * The cache is used only when it was written for the same content folder,
 * working directory, time zone, Node version and parser code (a hash of
 * this folder's modules); otherwise, or when it cannot be read, the folder is
 * read in full as on a first start. It is an optimisation only: deleting the
 * folder is always safe.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, writeSync } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { BodyPack, PackWriter } from './body-packs.js';
import { bodyBytesOf, bodySourceOf, withPackedBody } from './compact-text.js';
import type { LoadedFile } from './files.js';
import type { ContentRecord } from './parse.js';
import type { SiteSettings } from './types.js';

/** Changes when the layout of the cache file changes. */
const FORMAT = 2;
const STATES_PER_CHUNK = 2000;
/** No frame of STATES_PER_CHUNK states comes near this: a larger length is a damaged file. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024;
const INDEX_FILE = 'files.v8';
/** Packs no cache refers to are deleted once this old (a process starting beside this one may be about to open them). */
const STALE_PACK_MS = 60_000;

/** A file's state as the loader keeps it (see reloader.ts). */
export interface CachedState {
  loaded: LoadedFile;
  record?: ContentRecord;
  liveFingerprint: string;
}

interface StoredState {
  path: string;
  loaded: Omit<LoadedFile, 'record'>;
  record?: Record<string, unknown>;
  /** Where the article's body is: a pack in the cache folder (by file name), offset and length. */
  body?: [pack: string, offset: number, length: number];
  liveFingerprint: string;
}


/**
 * What a cache must have been written for to be used. Of the site settings
 * only the time zone changes what a file parses to (the reloader re-reads
 * everything when it changes, too); the others (name, URL…) do not.
 */
export function cacheKey(root: string, site: SiteSettings): string {
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, process.version, path.resolve(root), process.cwd(), site.timezone, codeFingerprint()]))
    .digest('base64url');
}

let code: string | undefined;
/** A hash of the content modules (parser, schemas, dates…): a new version of the code parses afresh. */
function codeFingerprint(): string {
  if (code) return code;
  const hash = createHash('sha256');
  const dir = import.meta.dirname;
  for (const name of readdirSync(dir).sort()) if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(path.join(dir, name)));
  return (code = hash.digest('base64url'));
}

/** Whether `dir` holds a load cache index (of any key): false means a cold start is ahead. */
export function hasLoadCache(dir: string): boolean {
  return existsSync(path.join(dir, INDEX_FILE));
}

/**
 * The file states the cache in `dir` holds for `key`, or undefined when there
 * is none to use. Read a chunk at a time with blocking calls (it is read at
 * start-up, when nothing else waits): the whole index is never in memory at
 * once, and a cache for another key is given up after its first few bytes.
 */
export async function readLoadCache(dir: string, key: string): Promise<Map<string, CachedState> | undefined> {
  let fd: number;
  try {
    fd = openSync(path.join(dir, INDEX_FILE), 'r');
  } catch {
    return undefined;
  }
  try {
    const head = readFrame(fd) as { key?: string } | undefined;
    if (head?.key !== key) return undefined;
    const states = new Map<string, CachedState>();
    // Every pack referred to must still be there (a pack already open in this process would read, deleted or not).
    const packs = new Map<string, BodyPack>();
    const packOf = (name: string) => {
      let pack = packs.get(name);
      if (!pack) {
        const file = path.join(dir, name);
        statSync(file);
        packs.set(name, (pack = BodyPack.at(file)));
      }
      return pack;
    };
    for (let part = readFrame(fd); part !== undefined; part = readFrame(fd)) {
      if (!Array.isArray(part)) return undefined;
      for (const stored of part as StoredState[]) {
        const loaded = stored.loaded as LoadedFile;
        let record = stored.record as ContentRecord | undefined;
        if (record && stored.body) {
          const [pack, offset, length] = stored.body;
          record = withPackedBody(record, packOf(pack), offset, length) as unknown as ContentRecord;
        }
        if (record && stored.loaded.fingerprint === stored.liveFingerprint) loaded.record = record;
        states.set(stored.path, { loaded, ...(record ? { record } : {}), liveFingerprint: stored.liveFingerprint });
      }
    }
    return states;
  } catch {
    // Damaged, cut short, or a pack gone missing: the cache cannot be used.
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `states` as the cache for `key`. Bodies still in memory (files read
 * since start-up) are written to a new pack first, and their records switched
 * to it, so memory holds no bodies afterwards. Then packs no longer referred
 * to are deleted. The index is written in chunks of STATES_PER_CHUNK, with
 * the event loop let go between them, so requests are answered meanwhile.
 */
export async function writeLoadCache(dir: string, key: string, states: ReadonlyMap<string, CachedState>): Promise<{ files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const writer = new PackWriter(path.join(dir, `bodies-${randomBytes(4).toString('hex')}-saved.pack`));
  const moved: Array<{ record: object; offset: number; length: number }> = [];
  const referenced = new Set<string>();
  const temporary = path.join(dir, `${INDEX_FILE}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  let bytes = 0;
  const write = (value: unknown) => {
    const framed = frame(value);
    writeSync(fd, framed);
    bytes += framed.length;
  };
  // Packs this process reads that are gone from the folder (another process sharing it cleared them away):
  // their bodies, still readable here, are written again, so the cache never refers to a missing pack.
  const gone = new Set<string>();
  for (const file of BodyPack.files) if (path.dirname(file) === dir && !existsSync(file)) gone.add(file);
  try {
    write({ key });
    let chunk: StoredState[] = [];
    for (const [file, state] of states) {
      const { record: _live, ...loaded } = state.loaded;
      const entry: StoredState = { path: file, loaded, liveFingerprint: state.liveFingerprint };
      if (state.record) {
        entry.record = dataProperties(state.record);
        const source = bodySourceOf(state.record);
        if (source && 'pack' in source && path.dirname(source.pack.file) === dir && !gone.has(source.pack.file)) {
          entry.body = [path.basename(source.pack.file), source.offset, source.length];
          referenced.add(entry.body[0]);
        } else if (source) {
          const body = bodyBytesOf(source);
          const offset = writer.append(body);
          moved.push({ record: state.record, offset, length: body.length });
          entry.body = [path.basename(writer.file), offset, body.length];
        }
      }
      chunk.push(entry);
      if (chunk.length === STATES_PER_CHUNK) {
        write(chunk);
        chunk = [];
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (chunk.length) write(chunk);
  } finally {
    closeSync(fd);
    writer.close();
  }
  if (moved.length) {
    referenced.add(path.basename(writer.file));
    const pack = BodyPack.at(writer.file);
    for (const { record, offset, length } of moved) withPackedBody(record, pack, offset, length);
  }
  renameSync(temporary, path.join(dir, INDEX_FILE));
  const ours = BodyPack.files;
  BodyPack.closeUnused(dir, referenced);
  await removeStale(dir, referenced, ours);
  return { files: states.size, bytes };
}

/** A value serialised, after its length (4 bytes). */
function frame(value: unknown): Buffer {
  const body = serialize(value);
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

/** The next value of a file of frames, or undefined at its end; throws if it is cut short. */
function readFrame(fd: number): unknown {
  const length = Buffer.alloc(4);
  const got = readSync(fd, length, 0, 4, null);
  if (got === 0) return undefined;
  const size = length.readUInt32LE(0);
  if (got < 4 || size > MAX_FRAME_BYTES) throw new Error('load cache index is damaged or cut short');
  const body = Buffer.allocUnsafe(size);
  for (let done = 0; done < body.length; ) {
    const read = readSync(fd, body, done, body.length - done, null);
    if (read === 0) throw new Error('load cache index is cut short');
    done += read;
  }
  return deserialize(body);
}

/** A record's own data properties: not the body and text read from a pack. */
function dataProperties(record: object): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(record))) if ('value' in descriptor) plain[name] = descriptor.value;
  return plain;
}

/** Deletes packs no cache refers to, and index files left half-written by a process that was stopped. */
async function removeStale(dir: string, referenced: ReadonlySet<string>, closedHere: ReadonlySet<string>): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(dir)) {
    if (!/^bodies-.*\.pack$|\.tmp$/.test(name) || referenced.has(name)) continue;
    const file = path.join(dir, name);
    try {
      // Packs this process has just closed, or old enough that no process starting beside it is about to open them.
      if (closedHere.has(file) || now - (await stat(file)).mtimeMs > STALE_PACK_MS) await unlink(file);
    } catch {
      // Gone already, or not ours to delete: left alone.
    }
  }
}
