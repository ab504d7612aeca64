/**
 * The newsletter database schema, as numbered migrations. Migration N brings
 * the schema from version N-1 to N (`PRAGMA user_version`). Append new ones;
 * never edit one that has shipped. Times are milliseconds since the epoch.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: subscribers, their tokens (hashes only), bulletins and deliveries.
  `
  CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'unsubscribed')),
    created_at INTEGER NOT NULL,
    confirmation_sent_at INTEGER,
    confirmed_at INTEGER,
    unsubscribed_at INTEGER
  );
  CREATE INDEX subscribers_state ON subscribers (state);

  CREATE TABLE tokens (
    hash TEXT PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    used_at INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX tokens_subscriber ON tokens (subscriber_id);

  CREATE TABLE bulletins (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    since INTEGER NOT NULL,
    until INTEGER NOT NULL,
    content TEXT NOT NULL,
    finished_at INTEGER
  );

  CREATE TABLE deliveries (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins (id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (bulletin_id, subscriber_id)
  ) WITHOUT ROWID;
  `,
];
