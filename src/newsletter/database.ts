/**
 * Opens the newsletter's SQLite file (created on first use) in WAL mode and
 * brings its schema up to date. Nothing here runs at import time.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'newsletter.sqlite';

/** Opens (creating if needed) `dir/newsletter.sqlite` and migrates it. */
export function openDatabase(dir: string): Db {
  mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, DATABASE_FILE));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies the migrations the file has not seen, each in its own transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`${db.name}: schema version ${current} is newer than this code knows (${migrations.length}); refusing to use it`);
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version - 1]!);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return migrations.length;
}
