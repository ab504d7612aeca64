/**
 * Article bodies kept on disk instead of in memory. A cold start of a large
 * archive writes every article's Markdown source (UTF-8) into a few "pack"
 * files under the data folder (DATA_DIR/content-cache/), one per reader
 * thread, and a record keeps only where its body is: pack, offset, length.
 * Reading `article.body` then costs one read from the page cache (about
 * 15 KB, microseconds); pages are rendered once per content version anyway
 * (see web/page-cache.ts), so bodies are read rarely.
 *
 * Packs are written once and never changed, so a body read from one is the
 * version that was valid when it was parsed: an editor's later change, valid
 * or not, does not touch it (a file that turns invalid keeps its last good
 * version live). Each pack is opened when it is first known and stays open
 * while the process runs, so a pack deleted by a newer process (see
 * load-cache.ts) stays readable by this one.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

/** One pack file, open for reading. */
export class BodyPack {
  private static readonly open = new Map<string, BodyPack>();

  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {}

  /** The pack at `file`, opened once per process. Throws when it cannot be opened. */
  static at(file: string): BodyPack {
    let pack = BodyPack.open.get(file);
    if (!pack) {
      pack = new BodyPack(file, openSync(file, 'r'));
      BodyPack.open.set(file, pack);
    }
    return pack;
  }

  /** The packs this process has open (to keep them when old packs are cleared away). */
  static get files(): ReadonlySet<string> {
    return new Set(BodyPack.open.keys());
  }

  /**
   * Closes the packs in `dir` other than `kept`: the current content refers
   * to none of their bodies (only snapshots older than the current one did).
   * Without this a long-running server would hold one more open file, and
   * the disk space of a deleted pack, after every round of edits.
   */
  static closeUnused(dir: string, kept: ReadonlySet<string>): void {
    for (const [file, pack] of BodyPack.open) {
      if (path.dirname(file) !== dir || kept.has(path.basename(file))) continue;
      BodyPack.open.delete(file);
      closeSync(pack.fd);
      pack.closed = true;
    }
  }

  private closed = false;

  /** `length` bytes from `offset`. */
  read(offset: number, length: number): Buffer {
    if (this.closed) throw new Error(`body pack ${this.file} was closed: the content it held has been replaced`);
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = readSync(this.fd, bytes, done, length - done, offset + done);
      if (read === 0) throw new Error(`body pack ${this.file} is shorter than expected (it was changed or truncated by something else)`);
      done += read;
    }
    return bytes;
  }
}

/**
 * Appends bodies to one new pack file (a reader thread's, or a cache save's),
 * returning where each went. The file is opened when written to and closed
 * again by `close` (a worker thread's open files are the process's, and stay
 * open after the thread ends).
 */
export class PackWriter {
  private fd: number | undefined;
  private position = 0;
  private created = false;

  constructor(readonly file: string) {}

  /** Appends `bytes`; returns its offset in the pack. */
  append(bytes: Uint8Array): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.file, this.created ? 'a' : 'wx', 0o600);
      this.created = true;
    }
    const offset = this.position;
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.position += bytes.length;
    return offset;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
