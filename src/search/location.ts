/**
 * Does a job's location match what a reader typed? One function, so the
 * rules can change without touching the filters. Pure.
 *
 * Two ways to match: the text itself (`sandwell` in `Oldbury, Sandwell`), or
 * places from the relevance work's gazetteer of English local authorities:
 * a region matches every job in it (`West Midlands` finds `Oldbury, Sandwell`),
 * a county or city region matches the authorities inside it (`Essex` finds
 * `Chelmsford`), an authority matches itself under any of its names.
 */
import type { Job } from '../content/types.js';
import { Gazetteer, type Place } from '../relevance/places.js';
import { words } from './text.js';

let gazetteer: Gazetteer | undefined;
const jobPlaces = new WeakMap<Pick<Job, 'location'>, Place[]>();

export function matchesLocation(job: Pick<Job, 'location'>, query: string): boolean {
  if (containsWords(words(job.location), words(query))) return true;
  gazetteer ??= new Gazetteer();
  const wanted = gazetteer.findIn(query);
  if (!wanted.length) return false;
  let places = jobPlaces.get(job);
  if (!places) jobPlaces.set(job, (places = gazetteer.findIn(job.location)));
  return places.some((place) => wanted.some((area) => within(place, area)));
}

function within(place: Place, area: Place): boolean {
  if (area.kind === 'region') return place.region === area.id;
  return place.id === area.id || place.parent === area.id;
}

/** True when `needle` occurs as a run in `haystack`, its last word allowed to be a prefix. */
export function containsWords(haystack: readonly string[], needle: readonly string[]): boolean {
  if (!needle.length) return true;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((word, j) => (j === needle.length - 1 ? haystack[i + j]!.startsWith(word) : haystack[i + j] === word))) return true;
  }
  return false;
}
