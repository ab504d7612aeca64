import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneOffsets, endOfDay, endOfDayLuxon, parseContentDate } from '../../src/content/dates.js';

/** Zones with DST (north and south, half-hour, at midnight), without, and one that skipped a day (Apia, 30 December 2011). */
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Africa/Casablanca', 'Pacific/Apia', 'Asia/Kolkata', 'UTC', 'Etc/GMT-3'];
const zone = fc.constantFrom(...ZONES);
const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

/** Any instant from 1900 to 2100, to the millisecond. */
const anyInstant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
/** Instants within three hours of Europe/London's changes of clocks (01:00 UTC on the last Sundays of March and October). */
const londonEdge = fc.tuple(fc.integer({ min: 1996, max: 2037 }), fc.constantFrom(2, 9), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([year, month, delta]) => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month, sunday, 1) + delta;
});
const luxonOffset = (instant: number, name: string) => DateTime.fromMillis(instant, { zone: name }).offset;

/**
 * Every instant near `near` whose wall-clock time in the zone is `wallAsUtc`:
 * one for most times, two in a repeated hour, none in a skipped one. (Luxon's
 * own round trip cannot tell: for a repeated time it picks by the zone's
 * offset today, so the answer would change with the date the tests run.)
 */
function instantsOfWallTime(wallAsUtc: number, near: number, name: string): number[] {
  const offsets = new Set([-2 * DAY_MS, -6 * HOUR, -HOUR, 0, HOUR, 6 * HOUR, 2 * DAY_MS].map((delta) => luxonOffset(near + delta, name)));
  return [...offsets].map((offset) => wallAsUtc - offset * 60_000).filter((candidate) => luxonOffset(candidate, name) * 60_000 === wallAsUtc - candidate);
}

describe('ZoneOffsets', () => {
  it('gives the offset luxon gives, at any instant in any zone', () => {
    fc.assert(
      fc.property(zone, anyInstant, (name, instant) => {
        expect(ZoneOffsets.of(name)!.at(instant)).toBe(luxonOffset(instant, name));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the offset luxon gives around the changes of clocks in Europe/London, to the millisecond', () => {
    fc.assert(
      fc.property(londonEdge, (instant) => {
        expect(ZoneOffsets.of('Europe/London')!.at(instant)).toBe(luxonOffset(instant, 'Europe/London'));
      }),
      { numRuns: 3000 },
    );
    // The instants either side of a change.
    const change = Date.UTC(2016, 2, 27, 1);
    expect([change - 1, change].map((instant) => ZoneOffsets.of('Europe/London')!.at(instant))).toEqual([0, 60]);
  });

  it('knows a zone without DST, and no zone that luxon does not know', () => {
    expect(ZoneOffsets.of('Asia/Kolkata')!.at(Date.UTC(2016, 6, 1))).toBe(330);
    expect(ZoneOffsets.of('Asia/Kolkata')!.at(Date.UTC(2016, 0, 1))).toBe(330);
    expect(ZoneOffsets.of('Mars/Olympus_Mons')).toBeUndefined();
  });
});

describe('endOfDay', () => {
  it('is luxon\'s start of the next day, at any instant in any zone', () => {
    fc.assert(
      fc.property(zone, fc.oneof(anyInstant, londonEdge), (name, instant) => {
        expect(endOfDay(new Date(instant), name).getTime()).toBe(endOfDayLuxon(new Date(instant), name).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('is luxon\'s on days the clocks change, and on a day a zone skipped', () => {
    const cases: Array<[string, string]> = [
      ['Europe/London', '2016-03-27T00:30:00Z'],
      ['Europe/London', '2016-10-30T00:30:00Z'],
      ['Europe/London', '2016-10-29T23:30:00Z'],
      ['America/Sao_Paulo', '2017-10-14T12:00:00Z'],
      ['Pacific/Apia', '2011-12-29T12:00:00Z'],
      ['Pacific/Apia', '2011-12-30T09:59:59Z'],
    ];
    for (const [name, iso] of cases) expect(endOfDay(new Date(iso), name).toISOString()).toBe(endOfDayLuxon(new Date(iso), name).toISOString());
    expect(endOfDay(new Date('2016-06-10T09:30:00Z'), 'Europe/London').toISOString()).toBe('2016-06-10T23:00:00.000Z');
  });
});

describe('parseContentDate', () => {
  it('reads a time without a zone in the site\'s zone, a skipped or repeated hour as before', () => {
    expect(parseContentDate('2016-06-10T09:30', 'Europe/London')?.date.toISOString()).toBe('2016-06-10T08:30:00.000Z');
    expect(parseContentDate('2016-01-10T09:30', 'Europe/London')?.date.toISOString()).toBe('2016-01-10T09:30:00.000Z');
    expect(parseContentDate('2016-03-27T01:30', 'Europe/London')?.date.toISOString()).toBe('2016-03-27T00:30:00.000Z');
    expect(parseContentDate('2016-10-30T01:30', 'Europe/London')?.date.toISOString()).toBe('2016-10-30T01:30:00.000Z');
    expect(parseContentDate('2016-06-10', 'Asia/Kolkata')?.date.toISOString()).toBe('2016-06-09T18:30:00.000Z');
    // Lord Howe's half hour repeated when its clocks went back: read as the second, as in London, whatever today's date.
    expect(parseContentDate('1993-03-07T01:30', 'Australia/Lord_Howe')?.date.toISOString()).toBe('1993-03-06T15:00:00.000Z');
  });

  it('reads any wall-clock time as luxon does when the time exists once in the zone', () => {
    fc.assert(
      fc.property(zone, anyInstant, (name, instant) => {
        const wall = DateTime.fromMillis(instant, { zone: name });
        // Only times that exist exactly once (not in a skipped or repeated hour).
        fc.pre(instantsOfWallTime(wall.toMillis() + wall.offset * 60_000, instant, name).length === 1);
        const text = wall.toFormat("yyyy-LL-dd'T'HH:mm:ss");
        expect(parseContentDate(text, name)?.date.getTime()).toBe(wall.startOf('second').toMillis());
      }),
      { numRuns: 3000 },
    );
  });
});
