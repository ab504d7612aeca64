/**
 * Dates as crawlers read them: W3C/RFC 3339 with the site zone's offset
 * (sitemaps, Atom, JSON-LD), RFC 822 (RSS), and which date says a record
 * last changed. Pure.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Article, Job } from '../content/types.js';

/**
 * `2016-06-10T09:30:00+01:00`: the moment in the site's zone, with its offset,
 * to the second. Written out by hand from the zone's offset (a sitemap of
 * 50,000 URLs formats 50,000 dates).
 */
export function w3cDateTime(date: Date, timezone: string): string {
  const time = Math.floor(date.getTime() / 1000) * 1000;
  const offset = offsetAt(timezone, time);
  const local = new Date(time + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** `zone|UTC day` → the zone's offset all that day, or null when it changes that day. */
const dayOffsets = new Map<string, number | null>();

/** The zone's UTC offset in minutes at `time`: one lookup per zone and day (clocks change at most once a day). */
function offsetAt(timezone: string, time: number): number {
  const zone = IANAZone.create(timezone);
  const day = Math.floor(time / DAY_MS);
  const key = `${timezone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = zone.offset(day * DAY_MS);
    offset = start === zone.offset(day * DAY_MS + DAY_MS - 1) ? start : null;
    if (dayOffsets.size >= 100_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? zone.offset(time);
}

/** `Fri, 10 Jun 2016 09:30:00 +0100`: RSS 2.0's date format. */
export function rfc822DateTime(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toRFC2822() ?? date.toUTCString();
}

/** `2016-06-10`: the calendar date in the site's zone. */
export function calendarDate(date: Date, timezone: string): string {
  return DateTime.fromJSDate(date, { zone: timezone }).toISODate() ?? date.toISOString().slice(0, 10);
}

/** When a record last changed for its readers: an article's `updated` (else `date`), a job's `posted`. */
export function changedAt(record: Article | Job): Date {
  return record.kind === 'article' ? (record.updated ?? record.date) : record.posted;
}

/** The latest of `changedAt` over `records`, or `fallback` when there are none. */
export function newestChange(records: Iterable<Article | Job>, fallback: Date): Date {
  let newest: Date | undefined;
  for (const record of records) {
    const changed = changedAt(record);
    if (!newest || changed > newest) newest = changed;
  }
  return newest ?? fallback;
}
