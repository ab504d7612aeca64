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
import { markdownToText } from './markdown.js';

/** Plain texts kept made (search snippets and rankings, the jobs sidebar ask for them repeatedly). */
const TEXTS_KEPT = 4096;

const texts = new LRUCache<object, string>({ max: TEXTS_KEPT });

/** Gives `record` read-only `body` and `text` properties backed by the body's UTF-8 bytes. */
export function withCompactBody<T extends object>(record: T, body: string, text?: string): T & { body: string; text: string } {
  if (text !== undefined) texts.set(record, text);
  return withBodyBytes(record, Buffer.from(body, 'utf8'));
}

/** The same, from the body's UTF-8 bytes (as a parallel read hands them over). */
export function withBodyBytes<T extends object>(record: T, bytes: Buffer): T & { body: string; text: string } {
  Object.defineProperties(record, {
    body: { get: () => bytes.toString('utf8'), enumerable: true, configurable: true },
    text: {
      get: () => {
        let made = texts.get(record);
        if (made === undefined) texts.set(record, (made = markdownToText(bytes.toString('utf8'))));
        return made;
      },
      enumerable: true,
      configurable: true,
    },
  });
  return record as T & { body: string; text: string };
}
