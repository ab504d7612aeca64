/**
 * The date model. Front-matter dates arrive as the raw text the editor wrote
 * (the YAML parser is set not to turn them into Dates), so a time written
 * without a zone is read in the site's zone, as the content format says.
 */
import { DateTime } from 'luxon';

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedDate {
  date: Date;
  /** True when only a calendar date was written (no time of day). */
  dateOnly: boolean;
}

/** Parses `2016-06-10`, `2016-06-10T09:30`, `2016-06-10 09:30:00+01:00` and the like; undefined when it is not a date. */
export function parseContentDate(raw: string, timezone: string): ParsedDate | undefined {
  const match = DATE_PATTERN.exec(raw.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0);
  // Date.UTC rolls 30 February over into March: an impossible calendar date is not a date.
  if (new Date(wall).getUTCDate() !== day || year < 1000) return undefined;
  const offset = zone ? explicitOffsetMinutes(zone) : zoneOffsetMinutesAtWallTime(wall, timezone);
  if (offset === undefined) return undefined;
  return { date: new Date(wall - offset * 60_000), dateOnly: h === undefined };
}

/** `Z`, `+01`, `+0100`, `-02:30` as minutes east of UTC. */
function explicitOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (minutes > 18 * 60) return undefined;
  return zone.startsWith('-') ? -minutes : minutes;
}

/**
 * The zone's UTC offset for a wall-clock time written without a zone. The
 * offset at the instant read as if UTC, corrected once: exact except in the
 * hour a clock skips, where the time is read with the offset before the change.
 */
function zoneOffsetMinutesAtWallTime(wall: number, timezone: string): number {
  const first = zoneOffsetMinutes(wall, timezone);
  const second = zoneOffsetMinutes(wall - first * 60_000, timezone);
  return second === first ? first : zoneOffsetMinutes(wall - second * 60_000, timezone) === second ? second : first;
}

/**
 * Offsets, cached per zone and UTC day: a day whose offset is the same at both
 * ends (all but the two days a year the clocks change) needs no other look-up.
 */
const dayOffsets = new Map<string, number | null>();
const DAY = 86_400_000;

function zoneOffsetMinutes(instant: number, timezone: string): number {
  const day = Math.floor(instant / DAY);
  const key = `${timezone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = exactOffsetMinutes(day * DAY, timezone);
    offset = start === exactOffsetMinutes(day * DAY + DAY - 1, timezone) ? start : null;
    if (dayOffsets.size > 200_000) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffsetMinutes(instant, timezone);
}

function exactOffsetMinutes(instant: number, timezone: string): number {
  return DateTime.fromMillis(instant, { zone: timezone }).offset;
}

/** The first moment after the calendar day that `date` falls on, in `timezone`. */
export function endOfDay(date: Date, timezone: string): Date {
  return DateTime.fromJSDate(date, { zone: timezone }).startOf('day').plus({ days: 1 }).toJSDate();
}

export function isValidTimezone(timezone: string): boolean {
  return DateTime.local().setZone(timezone).isValid;
}
