/**
 * Does a job's location match what a reader typed? One function, so a place
 * gazetteer (regions, counties, districts) can replace the text match without
 * touching the filters. Pure.
 */
import type { Job } from '../content/types.js';
import { words } from './text.js';

/**
 * Plain text match: the query's words appear, in order and next to each
 * other, among the location's words, accents and case ignored
 * (`sandwell` matches `Oldbury, Sandwell`; `west mid` matches `West Midlands`).
 */
export function matchesLocation(job: Pick<Job, 'location'>, query: string): boolean {
  return containsWords(words(job.location), words(query));
}

/** True when `needle` occurs as a run in `haystack`, its last word allowed to be a prefix. */
export function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length) return true;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((word, j) => (j === needle.length - 1 ? haystack[i + j]!.startsWith(word) : haystack[i + j] === word))) return true;
  }
  return false;
}
