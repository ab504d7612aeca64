/** The newsletter's pure parts and its database file, table by table. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { ContentStore } from '../../src/content/store.js';
import { buildBulletin, bulletinWindow } from '../../src/newsletter/bulletin.js';
import { migrate, openDatabase } from '../../src/newsletter/database.js';
import { normaliseEmail } from '../../src/newsletter/email-address.js';
import { csvField } from '../../src/newsletter/export.js';
import { MIGRATIONS } from '../../src/newsletter/migrations.js';
import { DEFAULT_POLICY } from '../../src/newsletter/service.js';
import { createSubscriberRepository } from '../../src/newsletter/subscribers.js';
import { hashToken, isTokenShaped, issueToken } from '../../src/newsletter/tokens.js';
import { FIXTURES } from '../support/app.js';
import { T0 } from './support/harness.js';

describe('normaliseEmail', () => {
  it.each([
    ['  Jane.Doe+news@Example.ORG ', 'jane.doe+news@example.org'],
    ['JANE@EXAMPLE.CO.UK', 'jane@example.co.uk'],
    ["O'Brien@Example.ie", "o'brien@example.ie"],
  ])('accepts %j as %j', (input, email) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, email });
  });

  it.each([undefined, ['a@example.org'], '', 'plain', 'a@b', 'a b@example.org', '"quoted"@example.org', 'a@[127.0.0.1]', 'a@example.org>', `${'a'.repeat(250)}@example.org`])(
    'refuses %j',
    (input) => {
      expect(normaliseEmail(input).ok).toBe(false);
    },
  );
});

describe('tokens', () => {
  it('are 256 random bits in base64url, stored as their SHA-256', () => {
    const { token, hash } = issueToken();
    expect(isTokenShaped(token)).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hash);
    expect(issueToken().token).not.toBe(token);
    expect([isTokenShaped('x'.repeat(42)), isTokenShaped(`${'x'.repeat(42)}=`), isTokenShaped(undefined)]).toEqual([false, false, false]);
  });
});

describe('csvField', () => {
  it.each([
    ['a@example.org', 'a@example.org'],
    ['=cmd@example.org', "'=cmd@example.org"],
    ['+x@example.org', "'+x@example.org"],
    ['-x@example.org', "'-x@example.org"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('writes %j as %j', (value, field) => expect(csvField(value)).toBe(field));
});

describe('the database file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsletter-db-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is created on first use in WAL mode at the latest schema version, and keeps its rows across restarts', () => {
    const db = openDatabase(path.join(dir, 'nested'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    createSubscriberRepository(db).signUp('keep@example.org', T0.getTime(), DEFAULT_POLICY);
    db.close();
    const again = openDatabase(path.join(dir, 'nested'));
    expect(createSubscriberRepository(again).counts()).toEqual({ pending: 1, confirmed: 0, unsubscribed: 0 });
    again.close();
  });

  it('applies only new migrations, and refuses a file from newer code', () => {
    const db = openDatabase(dir);
    expect(migrate(db, [...MIGRATIONS, 'CREATE TABLE extra (id INTEGER PRIMARY KEY);'])).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeTruthy();
    expect(() => migrate(db)).toThrow(/schema version 2 is newer than this code knows \(1\)/);
    db.close();
  });
});

describe('buildBulletin', () => {
  it('takes the articles after `since` up to `until`, newest first, with absolute links, and current jobs', async () => {
    const view = new ContentStore(await loadContent(path.join(FIXTURES, 'newsletter'))).view(T0);
    const bulletin = buildBulletin(view, bulletinWindow(undefined, T0));
    expect(bulletin.articles.map((article) => article.url)).toEqual(['https://news.example.org/news/care-homes', 'https://news.example.org/news/council-budget']);
    expect(bulletin.articles[1]).toMatchObject({ title: 'Council sets budget & <em>plans</em>', date: '4 March 2024' });
    expect(bulletin.jobs.map((job) => job.url)).toEqual(['https://news.example.org/jobs/care-manager', 'https://news.example.org/jobs/social-worker']);
    const since = new Date('2024-03-05T06:00:00Z');
    expect(buildBulletin(view, { since, until: T0 }).articles).toHaveLength(0);
    expect(bulletinWindow(since, T0)).toEqual({ since, until: T0 });
  });
});
