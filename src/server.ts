/**
 * Entry point, and with runtime-flags.ts (imported first) the only module
 * with side effects: reads the configuration, loads content, listens,
 * watches the content folder (in every mode) and shuts down gracefully on
 * SIGTERM/SIGINT.
 */
import './runtime-flags.js';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readConfig } from './config.js';
import { isClusterPrimary, runClusterPrimary } from './cluster.js';
import { ContentLoader } from './content/reloader.js';
import { logProblems } from './content/reload-log.js';
import { createLogger } from './logging.js';

const config = readConfig();
const log = createLogger(config.logLevel, config.logBufferBytes);
const { logger, settle: settleLog } = log;
/** The longest an exit waits for the log's last lines to be written (see logging.ts). */
const LOG_SETTLE_MS = 1000;
// WEB_CONCURRENCY=N (N > 1): this process only forks and minds N workers, each of which runs this whole file.
if (isClusterPrimary(config.webConcurrency)) await runClusterPrimary(config.webConcurrency, log, LOG_SETTLE_MS);

// Article bodies live on disk in DATA_DIR/content-cache, with what a restart needs to parse only changed files.
const loader = new ContentLoader(config.contentDir, { cacheDir: path.join(config.dataDir, 'content-cache'), eagerReaders: true, ...(config.siteUrl ? { siteUrl: config.siteUrl } : {}) });
const started = performance.now();
const loading = loader.load();
// The web side is loaded while the content is read on worker threads (a large folder's first start), once the
// files are listed and handed over: loading it first would hold up the listing, and the threads would wait.
await loader.threadFree;
const [{ createApp, VIEWS_DIR }, { siteListener }, { createHttpServer }, { ContentStore }, { openNewsletter }, { watchContent }] = await Promise.all([
  import('./app.js'),
  import('./web/page-cache.js'),
  import('./web/limits.js'),
  import('./content/store.js'),
  import('./newsletter/service.js'),
  import('./content/watch.js'),
]);
const snapshot = await loading;
logProblems(logger, snapshot.problems);
logger.info(
  { version: snapshot.version, articles: snapshot.articles.length, jobs: snapshot.jobs.length, problems: snapshot.problems.length, ...loader.start, ms: Math.round(performance.now() - started) },
  `content loaded from ${config.contentDir}`,
);

/** Writes the load cache `ms` from now (again after edits, once they have settled). */
let persistTimer: NodeJS.Timeout | undefined;
function persistSoon(ms: number): void {
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    loader.persist().then(
      (written) => written && logger.info(written, 'content load cache written'),
      (error: unknown) => logger.warn({ err: error }, 'could not write the content load cache; the next start will read every file'),
    );
  }, ms).unref();
}
persistSoon(1000);

const store = new ContentStore(snapshot, { preview: config.preview });
const newsletter = openNewsletter(config, { site: () => store.snapshot.site, viewsDir: VIEWS_DIR, logger });
const app = createApp({ config, store, logger, newsletter });
const server = createHttpServer(siteListener(app)).listen(config.port, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, `listening on http://localhost:${port}${config.preview ? ' (preview: drafts and scheduled articles are shown)' : ''}`);
});
const watcher = watchContent({
  loader,
  store,
  logger,
  warm: () => {
    store.view(new Date());
    persistSoon(30_000);
  },
});
void watcher.ready.then(() => logger.info(`watching ${config.contentDir} for changes`));

/**
 * Graceful shutdown (SIGTERM, SIGINT, or a crash outside any request): stop
 * accepting connections, close idle keep-alive ones, let requests in flight
 * finish (each answered with `Connection: close`), then exit; after
 * SHUTDOWN_TIMEOUT seconds whatever is left is cut off and the exit code is 1.
 */
let closing = false;
function shutdown(reason: string, exitCode: 0 | 1): void {
  if (closing) return;
  closing = true;
  server.close(() => {
    logger.info('requests finished; exiting');
    // Confirmation emails still being sent finish first; then the database closes.
    void newsletter
      .close()
      .finally(() => settleLog(LOG_SETTLE_MS))
      .then(() => process.exit(exitCode));
  });
  logger.info(`${reason}: no new connections; finishing requests in flight`);
  void watcher.close();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  server.closeIdleConnections();
  setTimeout(() => {
    clearInterval(idle);
    logger.error(`requests still running after ${config.shutdownTimeoutMs} ms; cutting them off`);
    server.closeAllConnections();
    void settleLog(LOG_SETTLE_MS).then(() => process.exit(1));
  }, config.shutdownTimeoutMs).unref();
}
server.prependListener('request', (_req, res) => {
  if (closing) res.setHeader('Connection', 'close');
});
process.on('SIGTERM', () => shutdown('SIGTERM', 0));
process.on('SIGINT', () => shutdown('SIGINT', 0));
// One request's failure is caught by Express and answered 500; these are failures outside any request.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception');
  shutdown('uncaught exception', 1);
});
