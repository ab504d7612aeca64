/** Confirmed subscribers as CSV (RFC 4180), for operators. Pure. */
import type { ConfirmedSubscriber } from './subscribers.js';

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function* subscribersCsv(rows: Iterable<ConfirmedSubscriber>): Generator<string> {
  yield 'email,confirmed_at\r\n';
  for (const row of rows) yield `${csvField(row.email)},${new Date(row.confirmedAt).toISOString()}\r\n`;
}
