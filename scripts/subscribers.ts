/**
 * Newsletter subscribers, for operators:
 *   npm run subscribers -- count           counts by state
 *   npm run subscribers -- export [FILE]   confirmed subscribers as CSV, to FILE or stdout
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readConfig } from '../src/config.js';
import { openDatabase } from '../src/newsletter/database.js';
import { subscribersCsv } from '../src/newsletter/export.js';
import { createSubscriberRepository } from '../src/newsletter/subscribers.js';

const [command, file] = process.argv.slice(2);
if (command !== 'count' && command !== 'export') {
  process.stderr.write('usage: npm run subscribers -- count | export [FILE]\n');
  process.exit(2);
}

const db = openDatabase(readConfig().dataDir);
try {
  const repo = createSubscriberRepository(db);
  if (command === 'count') {
    const counts = repo.counts();
    const total = counts.pending + counts.confirmed + counts.unsubscribed;
    const rows = [...Object.entries(counts), ['total', total] as const];
    for (const [state, n] of rows) process.stdout.write(`${state.padEnd(13)}${String(n).padStart(8)}\n`);
  } else {
    await pipeline(Readable.from(subscribersCsv(repo.confirmed())), file ? createWriteStream(file) : process.stdout);
    if (file) process.stderr.write(`${repo.counts().confirmed} confirmed subscribers written to ${file}\n`);
  }
} finally {
  db.close();
}
