/**
 * The bulletin run as operators see it: crash-safe re-runs against a real
 * SMTP server on loopback, the command line (`npm run bulletin`,
 * `npm run subscribers`) on a real SQLite file.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/newsletter/database.js';
import { DEFAULT_POLICY } from '../../src/newsletter/service.js';
import { createSubscriberRepository } from '../../src/newsletter/subscribers.js';
import { FIXTURES } from '../support/app.js';
import { newsletterHarness, T0, type Harness } from './support/harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let h: Harness;
beforeEach(async () => {
  h = await newsletterHarness();
});
afterEach(async () => {
  await h.close();
});

/** Confirmed subscribers straight into the database (the sign-up path has its own tests). */
function confirmedSubscribers(count: number, prefix = 'reader'): string[] {
  const db = openDatabase(h.dataDir);
  const repo = createSubscriberRepository(db);
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@example.org`);
  for (const email of emails) repo.confirm(repo.signUp(email, T0.getTime(), DEFAULT_POLICY).confirm!.token, T0.getTime());
  db.close();
  return emails;
}

function deliveryStates(): Record<string, number> {
  const db = openDatabase(h.dataDir);
  const rows = db.prepare<[], { state: string; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all();
  db.close();
  return Object.fromEntries(rows.map(({ state, n }) => [state, n]));
}

/** How many bulletins each address received. */
const receivedBy = (emails: string[]) => emails.map((email) => h.smtp.to(email).length);

/** The scripts as `npm run` starts them, on this test's content, database and mail server. */
const cliArgs = (script: string, args: string[]) => ['--import', 'tsx', path.join(ROOT, 'scripts', script), ...args];
const cliOptions = () => ({
  cwd: ROOT,
  env: { ...process.env, CONTENT_DIR: path.join(FIXTURES, 'newsletter'), DATA_DIR: h.dataDir, LOG_LEVEL: 'silent', SMTP_URL: h.smtp.url },
});
const cli = (script: string, args: string[]) => spawn(process.execPath, cliArgs(script, args), { ...cliOptions(), stdio: 'ignore' });
const runCli = (script: string, args: string[]) => promisify(execFile)(process.execPath, cliArgs(script, args), cliOptions());

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('crash-safe sending', { timeout: 60_000 }, () => {
  it('finishes a run the mail server cut short (451 after 3 messages): nobody twice, nobody skipped', async () => {
    const emails = confirmedSubscribers(12);
    h.smtp.mode = { kind: 'reject', after: 3 };
    const [first] = await h.bulletin({ maxConsecutiveFailures: 4 });
    expect(first).toMatchObject({ recipients: 12, sent: 3, finished: false });
    expect(first!.failed).toBeGreaterThanOrEqual(4);
    expect(h.smtp.messages).toHaveLength(3);

    h.smtp.mode = { kind: 'accept' };
    const second = await h.bulletin();
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ bulletinId: first!.bulletinId, resumed: true, recipients: 9, sent: 9, failed: 0, finished: true });
    expect(receivedBy(emails)).toEqual(emails.map(() => 1));
    expect(new Set(h.smtp.messages.map((message) => message.headers.get('message-id'))).size).toBe(12);
    expect(deliveryStates()).toEqual({ sent: 12 });

    // Nothing new since: a third run sends nothing at all.
    expect(await h.bulletin()).toEqual([]);
    expect(h.smtp.messages).toHaveLength(12);
  });

  it('loses nobody when the sending process is killed mid-run (kill -9), and sends nobody twice', async () => {
    const emails = confirmedSubscribers(10);
    h.smtp.mode = { kind: 'hang', after: 4 };
    const child = cli('bulletin.ts', ['--now', T0.toISOString()]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(() => h.smtp.messages.length === 4 && h.smtp.hanging > 0 && deliveryStates().sent === 4, 'four sent and the rest hanging');
    child.kill('SIGKILL');
    await exited;
    expect(deliveryStates().sending).toBeGreaterThan(0);

    h.smtp.mode = { kind: 'accept' };
    const [resumed] = await h.bulletin();
    expect(resumed).toMatchObject({ resumed: true, recipients: 6, sent: 6, finished: true });
    expect(receivedBy(emails)).toEqual(emails.map(() => 1));
    expect(deliveryStates()).toEqual({ sent: 10 });
  });
});

// Each case starts the scripts with tsx: slower than the rest, hence the longer timeout.
describe('command line', { timeout: 60_000 }, () => {
  it('npm run bulletin -- --dry-run writes the HTML and text bulletin, and sends and records nothing', async () => {
    confirmedSubscribers(2);
    const out = path.join(h.dataDir, 'preview');
    const { stdout } = await runCli('bulletin.ts', ['--dry-run', '--out', out, '--now', T0.toISOString()]);
    expect(stdout).toContain('2 articles and 2 jobs; nothing sent');
    const [html, text] = await Promise.all([readFile(`${out}.html`, 'utf8'), readFile(`${out}.txt`, 'utf8')]);
    expect(html).toContain('Council sets budget &amp; &lt;em&gt;plans&lt;/em&gt;');
    expect(text).toContain('Subject: Bulletin & Co News: your daily news bulletin, 5 March 2024');
    expect(text).toContain('Care homes inspected across the county\n');
    expect(h.smtp.messages).toHaveLength(0);
    expect(deliveryStates()).toEqual({});
  });

  it('npm run bulletin sends, reports, and a second run finds nothing new', async () => {
    confirmedSubscribers(3);
    const first = await runCli('bulletin.ts', ['--now', T0.toISOString()]);
    expect(first.stdout).toContain('Bulletin 1: 3 sent, 0 failed, 0 rejected; finished');
    expect(first.stderr).toContain('3/3 (0 failed)');
    expect(h.smtp.messages).toHaveLength(3);
    const second = await runCli('bulletin.ts', ['--now', new Date(T0.getTime() + 60_000).toISOString()]);
    expect(second.stdout).toContain('no bulletin sent');
  });

  it('npm run subscribers -- count and export report states and confirmed subscribers as CSV', async () => {
    const emails = confirmedSubscribers(2);
    const db = openDatabase(h.dataDir);
    const repo = createSubscriberRepository(db);
    repo.signUp('-pending@example.org', T0.getTime(), DEFAULT_POLICY);
    repo.confirm(repo.signUp('=formula@example.org', T0.getTime(), DEFAULT_POLICY).confirm!.token, T0.getTime());
    db.close();

    const count = await runCli('subscribers.ts', ['count']);
    expect(count.stdout.split('\n').map((line) => line.split(/\s+/).join(' '))).toEqual(['pending 1', 'confirmed 3', 'unsubscribed 0', 'total 4', '']);

    const csv = await runCli('subscribers.ts', ['export']);
    expect(csv.stdout.split('\r\n')).toEqual([
      'email,confirmed_at',
      ...emails.map((email) => `${email},${T0.toISOString()}`),
      `'=formula@example.org,${T0.toISOString()}`,
      '',
    ]);
    const file = path.join(h.dataDir, 'subscribers.csv');
    await runCli('subscribers.ts', ['export', file]);
    expect(await readFile(file, 'utf8')).toBe(csv.stdout);
  });
});
