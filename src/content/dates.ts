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
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0,
  };
  const dateTime = zone
    ? DateTime.fromObject(parts, { zone: zone.toUpperCase() === 'Z' ? 'UTC' : `UTC${normaliseOffset(zone)}` })
    : DateTime.fromObject(parts, { zone: timezone });
  if (!dateTime.isValid) return undefined;
  // Luxon moves non-existent local times forward; reject impossible calendar dates outright.
  if (dateTime.day !== parts.day && !zone) return undefined;
  return { date: dateTime.toJSDate(), dateOnly: h === undefined };
}

function normaliseOffset(zone: string): string {
  const digits = zone.replace(':', '');
  return digits.length === 3 ? `${digits}:00` : `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

/** The first moment after the calendar day that `date` falls on, in `timezone`. */
export function endOfDay(date: Date, timezone: string): Date {
  return DateTime.fromJSDate(date, { zone: timezone }).startOf('day').plus({ days: 1 }).toJSDate();
}

export function isValidTimezone(timezone: string): boolean {
  return DateTime.local().setZone(timezone).isValid;
}
