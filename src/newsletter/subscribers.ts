/**
 * Subscribers and their link tokens in SQLite. Every change is one
 * transaction; the email column is UNIQUE, so signing up twice (even at the
 * same instant, from two processes) updates one row and never adds a second.
 */
import type { Db } from './database.js';
import { hashToken, isTokenShaped, issueToken, type IssuedToken } from './tokens.js';

export type SubscriberState = 'pending' | 'confirmed' | 'unsubscribed';
export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'expired' | 'unknown';
export type UnsubscribeOutcome = 'subscribed' | 'unsubscribed' | 'unknown';

export interface SignUpPolicy {
  /** How long a confirmation link works. */
  confirmTtlMs: number;
  /** A pending address is sent a new confirmation at most this often (no mail-bombing by re-submitting). */
  resendAfterMs: number;
}

export interface SignUpResult {
  subscriberId: number;
  /** Present when a confirmation email should go out now. */
  confirm?: IssuedToken;
}

export interface ConfirmedSubscriber {
  id: number;
  email: string;
  confirmedAt: number;
}

interface SubscriberRow {
  id: number;
  state: SubscriberState;
  confirmation_sent_at: number | null;
}

interface TokenRow {
  subscriber_id: number;
  expires_at: number | null;
  used_at: number | null;
  state: SubscriberState;
}

export function createSubscriberRepository(db: Db) {
  const upsert = db.prepare(`INSERT INTO subscribers (email, state, created_at) VALUES (?, 'pending', ?)
    ON CONFLICT (email) DO UPDATE SET state = 'pending', unsubscribed_at = NULL, confirmation_sent_at = NULL WHERE state = 'unsubscribed'`);
  const byEmail = db.prepare<[string], SubscriberRow>('SELECT id, state, confirmation_sent_at FROM subscribers WHERE email = ?');
  const insertToken = db.prepare('INSERT INTO tokens (hash, subscriber_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const markSent = db.prepare('UPDATE subscribers SET confirmation_sent_at = ? WHERE id = ?');
  const tokenByHash = db.prepare<[string, string], TokenRow>(
    'SELECT t.subscriber_id, t.expires_at, t.used_at, s.state FROM tokens t JOIN subscribers s ON s.id = t.subscriber_id WHERE t.hash = ? AND t.purpose = ?',
  );
  const useToken = db.prepare('UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL');
  const setConfirmed = db.prepare("UPDATE subscribers SET state = 'confirmed', confirmed_at = ? WHERE id = ?");
  const setUnsubscribed = db.prepare("UPDATE subscribers SET state = 'unsubscribed', unsubscribed_at = ? WHERE id = ? AND state <> 'unsubscribed'");
  const stateCounts = db.prepare<[], { state: SubscriberState; n: number }>('SELECT state, COUNT(*) AS n FROM subscribers GROUP BY state');
  const confirmedRows = db.prepare<[], ConfirmedSubscriber>(
    "SELECT id, email, confirmed_at AS confirmedAt FROM subscribers WHERE state = 'confirmed' ORDER BY id",
  );

  const storeToken = (subscriberId: number, purpose: 'confirm' | 'unsubscribe', now: number, expiresAt: number | null): IssuedToken => {
    const token = issueToken();
    insertToken.run(token.hash, subscriberId, purpose, now, expiresAt);
    return token;
  };

  const lookup = (token: unknown, purpose: 'confirm' | 'unsubscribe'): (TokenRow & { hash: string }) | undefined => {
    if (!isTokenShaped(token)) return undefined;
    const hash = hashToken(token);
    const row = tokenByHash.get(hash, purpose);
    return row && { ...row, hash };
  };

  const signUp = db.transaction((email: string, now: number, policy: SignUpPolicy): SignUpResult => {
    upsert.run(email, now);
    const row = byEmail.get(email)!;
    if (row.state !== 'pending') return { subscriberId: row.id };
    if (row.confirmation_sent_at !== null && now - row.confirmation_sent_at < policy.resendAfterMs) return { subscriberId: row.id };
    markSent.run(now, row.id);
    return { subscriberId: row.id, confirm: storeToken(row.id, 'confirm', now, now + policy.confirmTtlMs) };
  });

  const confirm = db.transaction((token: unknown, now: number): ConfirmOutcome => {
    const row = lookup(token, 'confirm');
    if (!row) return 'unknown';
    if (row.state === 'confirmed') return 'already-confirmed';
    if (row.used_at !== null || (row.expires_at !== null && row.expires_at <= now)) return 'expired';
    useToken.run(now, row.hash);
    setConfirmed.run(now, row.subscriber_id);
    return 'confirmed';
  });

  const unsubscribe = db.transaction((token: unknown, now: number): UnsubscribeOutcome => {
    const row = lookup(token, 'unsubscribe');
    if (!row) return 'unknown';
    setUnsubscribed.run(now, row.subscriber_id);
    return 'unsubscribed';
  });

  return {
    /** Adds the address as pending (or finds it); says whether to send a confirmation now. */
    signUp: (email: string, now: number, policy: SignUpPolicy): SignUpResult => signUp.immediate(email, now, policy),

    /** A new unsubscribe token for one email to this subscriber; unsubscribe links never expire. */
    issueUnsubscribeToken: (subscriberId: number, now: number): IssuedToken => storeToken(subscriberId, 'unsubscribe', now, null),

    /** Confirms the subscriber a confirmation token belongs to. Idempotent. */
    confirm: (token: unknown, now: number): ConfirmOutcome => confirm.immediate(token, now),

    /** What an unsubscribe link would do, without doing it. */
    unsubscribeState(token: unknown): UnsubscribeOutcome {
      const row = lookup(token, 'unsubscribe');
      return !row ? 'unknown' : row.state === 'unsubscribed' ? 'unsubscribed' : 'subscribed';
    },

    /** Unsubscribes the token's subscriber. Idempotent. */
    unsubscribe: (token: unknown, now: number): UnsubscribeOutcome => unsubscribe.immediate(token, now),

    counts(): Record<SubscriberState, number> {
      const counts: Record<SubscriberState, number> = { pending: 0, confirmed: 0, unsubscribed: 0 };
      for (const { state, n } of stateCounts.all()) counts[state] = n;
      return counts;
    },

    /** Confirmed subscribers in sign-up order. */
    confirmed: (): IterableIterator<ConfirmedSubscriber> => confirmedRows.iterate(),
  };
}

export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;
