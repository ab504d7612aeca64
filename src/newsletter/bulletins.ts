/**
 * Bulletins and their deliveries in SQLite. A delivery row (bulletin ×
 * subscriber) is claimed as `sending` in the same transaction that issues the
 * email's unsubscribe token, and marked `sent` as soon as the mail server has
 * accepted the message, so a re-run sends only to those not yet `sent`.
 */
import type { BulletinContent } from './bulletin.js';
import type { Db } from './database.js';
import type { IssuedToken } from './tokens.js';

export interface StoredBulletin {
  id: number;
  since: number;
  until: number;
  content: BulletinContent;
}

export interface Recipient {
  id: number;
  email: string;
}

/** Temporary failures are retried by later runs this many times in all. */
export const MAX_ATTEMPTS = 3;

export function createBulletinRepository(db: Db, issueUnsubscribeToken: (subscriberId: number, now: number) => IssuedToken) {
  const unfinishedRow = db.prepare<[], { id: number; since: number; until: number; content: string }>(
    'SELECT id, since, until, content FROM bulletins WHERE finished_at IS NULL ORDER BY id LIMIT 1',
  );
  const lastUntilRow = db.prepare<[], { until: number | null }>('SELECT MAX(until) AS until FROM bulletins');
  const insertBulletin = db.prepare('INSERT INTO bulletins (created_at, since, until, content) VALUES (?, ?, ?, ?)');
  const finishBulletin = db.prepare('UPDATE bulletins SET finished_at = ? WHERE id = ?');
  const dueRows = db.prepare<[number, number], Recipient>(`SELECT s.id, s.email FROM subscribers s
    LEFT JOIN deliveries d ON d.bulletin_id = ? AND d.subscriber_id = s.id
    WHERE s.state = 'confirmed' AND (d.state IS NULL OR (d.state IN ('sending', 'failed') AND d.attempts < ?))
    ORDER BY s.id`);
  const claimRow = db.prepare(`INSERT INTO deliveries (bulletin_id, subscriber_id, state, attempts, updated_at) VALUES (?, ?, 'sending', 1, ?)
    ON CONFLICT (bulletin_id, subscriber_id) DO UPDATE SET state = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at, error = NULL`);
  const settleRow = db.prepare('UPDATE deliveries SET state = ?, updated_at = ?, error = ? WHERE bulletin_id = ? AND subscriber_id = ?');
  const countRows = db.prepare<[number], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries WHERE bulletin_id = ? GROUP BY state');

  const claim = db.transaction((bulletinId: number, subscriberId: number, now: number): IssuedToken => {
    claimRow.run(bulletinId, subscriberId, now);
    return issueUnsubscribeToken(subscriberId, now);
  });

  return {
    /** The oldest bulletin a run has not finished sending, if any. */
    unfinished(): StoredBulletin | undefined {
      const row = unfinishedRow.get();
      return row && { id: row.id, since: row.since, until: row.until, content: JSON.parse(row.content) as BulletinContent };
    },
    /** The end of the last bulletin's window. */
    lastUntil(): number | undefined {
      return lastUntilRow.get()?.until ?? undefined;
    },
    create(content: BulletinContent, since: number, until: number, now: number): StoredBulletin {
      const id = Number(insertBulletin.run(now, since, until, JSON.stringify(content)).lastInsertRowid);
      return { id, since, until, content };
    },
    /** Confirmed subscribers this bulletin has not reached yet (never tried, cut off by a crash, or failed and still to retry). */
    due: (bulletinId: number): Recipient[] => dueRows.all(bulletinId, MAX_ATTEMPTS),
    /** Marks the delivery as being sent and returns a fresh unsubscribe token for the email, in one transaction. */
    claim: (bulletinId: number, subscriberId: number, now: number): IssuedToken => claim.immediate(bulletinId, subscriberId, now),
    settle(bulletinId: number, subscriberId: number, now: number, state: 'sent' | 'failed' | 'rejected', error?: string): void {
      settleRow.run(state, now, error ?? null, bulletinId, subscriberId);
    },
    finish: (bulletinId: number, now: number): void => void finishBulletin.run(now, bulletinId),
    counts(bulletinId: number): Record<string, number> {
      return Object.fromEntries(countRows.all(bulletinId).map(({ state, n }) => [state, n]));
    },
  };
}

export type BulletinRepository = ReturnType<typeof createBulletinRepository>;
