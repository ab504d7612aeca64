/**
 * The date model. Front-matter dates arrive as the raw text the editor wrote
 * (the YAML parser is set not to turn them into Dates), so a time written
 * without a zone is read in the site's zone, as the content format says.
 */
import { DateTime, Info, type Zone } from 'luxon';

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

const DAY = 86_400_000;
/** Days of offsets worked out at a time. */
const BLOCK_DAYS = 32;
/** Instants between the years 1000 and 9999: the arithmetic below is exact there (luxon treats years before 100 apart). */
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);

/**
 * A zone's UTC offsets (luxon's, in minutes), looked up in a table of the
 * offset at the start of each UTC day, built BLOCK_DAYS days at a time when
 * first asked: one zone look-up a day instead of several a date. A day whose
 * offset is the same at both ends (all but the days the clocks change) takes
 * its offset from the table; one that differs asks the zone for the instant.
 */
export class ZoneOffsets {
  private readonly blocks = new Map<number, Float64Array>();

  private constructor(private readonly zone: Zone) {}

  private static readonly byName = new Map<string, ZoneOffsets | null>();

  /** The table of `timezone`, or undefined when luxon does not know the zone. */
  static of(timezone: string): ZoneOffsets | undefined {
    let table = ZoneOffsets.byName.get(timezone);
    if (table === undefined) {
      const zone = Info.normalizeZone(timezone);
      table = zone?.isValid ? new ZoneOffsets(zone) : null;
      ZoneOffsets.byName.set(timezone, table);
    }
    return table ?? undefined;
  }

  /** The offset at `instant` (milliseconds since the epoch), as `DateTime.fromMillis(instant, { zone }).offset` gives it. */
  at(instant: number): number {
    if (!(instant >= EARLIEST && instant < LATEST)) return this.zone.offset(instant);
    const day = Math.floor(instant / DAY);
    const index = Math.floor(day / BLOCK_DAYS);
    let block = this.blocks.get(index);
    if (!block) this.blocks.set(index, (block = this.block(index)));
    const i = day - index * BLOCK_DAYS;
    const start = block[i]!;
    return start === block[i + 1]! ? start : this.zone.offset(instant);
  }

  /** The offsets at the start of each day of a block and of the day after it. */
  private block(index: number): Float64Array {
    const first = index * BLOCK_DAYS;
    const offsets = new Float64Array(BLOCK_DAYS + 1);
    for (let i = 0; i <= BLOCK_DAYS; i++) offsets[i] = this.zone.offset((first + i) * DAY);
    return offsets;
  }
}

function zoneOffsetMinutes(instant: number, timezone: string): number {
  return ZoneOffsets.of(timezone)?.at(instant) ?? NaN;
}

/** The first moment after the calendar day that `date` falls on, in `timezone`. */
export function endOfDay(date: Date, timezone: string): Date {
  return endOfDayFast(date.getTime(), timezone) ?? endOfDayLuxon(date, timezone);
}

/** What endOfDay asks luxon; the reference for the fast path. */
export function endOfDayLuxon(date: Date, timezone: string): Date {
  return DateTime.fromJSDate(date, { zone: timezone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/**
 * endOfDay without luxon, where the zone's offset is one and the same at the
 * instant, at the day's local midnight and at the next: luxon's startOf('day')
 * and plus({ days: 1 }) then come to local midnight + 1 day − offset. Undefined
 * anywhere else (a change of clocks near, an offset of part of a minute).
 */
function endOfDayFast(instant: number, timezone: string): Date | undefined {
  const table = ZoneOffsets.of(timezone);
  if (!table || !(instant >= EARLIEST + 2 * DAY && instant < LATEST - 2 * DAY)) return undefined;
  const offset = table.at(instant);
  const shift = offset * 60_000;
  if (!Number.isInteger(shift)) return undefined;
  const midnight = Math.floor((instant + shift) / DAY) * DAY;
  if (table.at(midnight - shift) !== offset || table.at(midnight + DAY - shift) !== offset) return undefined;
  return new Date(midnight + DAY - shift);
}

export function isValidTimezone(timezone: string): boolean {
  return DateTime.local().setZone(timezone).isValid;
}
