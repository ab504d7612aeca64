/**
 * An article's Markdown source and plain text, kept compactly. V8 keeps a
 * string with any character past U+00FF (a curly quote, a dash) at two bytes
 * a character, and every article holds its body and a plain-text copy of it:
 * about 25 KB an article, 2.5 GB at 100,000 articles. Here the body is held as
 * UTF-8 bytes (about half) and the plain text is made again from it when
 * asked, keeping the most recently used in a small LRU. Reading `body` or
 * `text` still gives a string; nothing else changes for their readers.
 */
import { LRUCache } from 'lru-cache';
import type { BodyPack } from './body-packs.js';
import { markdownToText, readingMinutesOfBytes } from './markdown-text.js';

/** Plain texts kept made (search snippets and rankings, the jobs sidebar ask for them repeatedly). */
const TEXTS_KEPT = 4096;

const texts = new LRUCache<object, string>({ max: TEXTS_KEPT });

/** What a record made here has: `readingMinutes` is counted when asked (only the article page shows it), not for every file at load. */
type WithBody<T> = T & { body: string; text: string; readingMinutes: number };

/** Gives `record` read-only `body`, `text` and `readingMinutes` properties backed by the body's UTF-8 bytes. */
export function withCompactBody<T extends object>(record: T, body: string, text?: string): WithBody<T> {
  if (text !== undefined) texts.set(record, text);
  return withBodyBytes(record, Buffer.from(body, 'utf8'));
}

/** The same, from the body's UTF-8 bytes (as a parallel read hands them over). */
export function withBodyBytes<T extends object>(record: T, bytes: Buffer): WithBody<T> {
  return withBodySource(record, { bytes });
}

/** The same, with the body left on disk in a pack (see body-packs.ts): read when asked for. */
export function withPackedBody<T extends object>(record: T, pack: BodyPack, offset: number, length: number): WithBody<T> {
  return withBodySource(record, { pack, offset, length });
}

/** Where a record's body is: its bytes in memory, or a place in a pack. */
export type BodySource = { bytes: Buffer } | { pack: BodyPack; offset: number; length: number };

const sources = new WeakMap<object, BodySource>();

/** Where `record`'s body is, for records made by this module. */
export function bodySourceOf(record: object): BodySource | undefined {
  return sources.get(record);
}

/** The body's UTF-8 bytes, wherever it is. */
export function bodyBytesOf(source: BodySource): Buffer {
  return 'bytes' in source ? source.bytes : source.pack.read(source.offset, source.length);
}

function withBodySource<T extends object>(record: T, source: BodySource): WithBody<T> {
  sources.set(record, source);
  Object.defineProperties(record, {
    body: { get: () => bodyBytesOf(source).toString('utf8'), enumerable: true, configurable: true },
    text: {
      get: () => {
        let made = texts.get(record);
        if (made === undefined) texts.set(record, (made = markdownToText(bodyBytesOf(source).toString('utf8'))));
        return made;
      },
      enumerable: true,
      configurable: true,
    },
    // Counted on the Markdown source, each time asked: the article page asks once per rendering.
    readingMinutes: { get: () => readingMinutesOfBytes(bodyBytesOf(source)), enumerable: true, configurable: true },
  });
  return record as WithBody<T>;
}
