/**
 * Entry point, and the only module with side effects: reads the
 * configuration, loads content, listens, and shuts down on SIGTERM.
 */
import { pino } from 'pino';
import { createApp } from './app.js';
import { readConfig } from './config.js';
import { loadContent } from './content/load.js';
import { ContentStore } from './content/store.js';

const config = readConfig();
const logger = pino({ level: config.logLevel });

const started = performance.now();
const snapshot = await loadContent(config.contentDir, config.siteUrl ? { siteUrl: config.siteUrl } : {});
for (const problem of snapshot.problems) {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  logger[problem.severity === 'error' ? 'error' : 'warn'](`${where}: ${problem.field}: ${problem.message}`);
}
logger.info(
  { articles: snapshot.articles.length, jobs: snapshot.jobs.length, problems: snapshot.problems.length, ms: Math.round(performance.now() - started) },
  `content loaded from ${config.contentDir}`,
);

const store = new ContentStore(snapshot, { preview: config.preview });
const app = createApp({ config, store, logger });
const server = app.listen(config.port, () => {
  logger.info(`listening on http://localhost:${config.port}${config.preview ? ' (preview: drafts and scheduled articles are shown)' : ''}`);
});

process.on('SIGTERM', () => {
  logger.info('SIGTERM: finishing requests in flight');
  server.close(() => process.exit(0));
});
