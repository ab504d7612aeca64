/**
 * Rendered bodies, made on first request and kept in a byte-bounded LRU:
 * once per content version (records are new objects after a reload), and
 * never all at once in memory for a large archive.
 */
import { LRUCache } from 'lru-cache';
import { renderMarkdown } from './markdown.js';
import type { Article, Author, Job } from './types.js';

/** Memory budget for rendered bodies (UTF-16 string length × 2). */
export const BODY_CACHE_BYTES = 64 * 1024 * 1024;

const cache = new LRUCache<Article | Job | Author, string>({
  maxSize: BODY_CACHE_BYTES,
  sizeCalculation: (html) => Math.max(1, html.length * 2),
});

/** Sanitised HTML of an article, job or author body. */
export function bodyHtml(record: Article | Job | Author): string {
  let html = cache.get(record);
  if (html === undefined) {
    html = renderMarkdown(record.body);
    cache.set(record, html);
  }
  return html;
}
