/**
 * WEB_CONCURRENCY=N (N > 1): more than one core, with Node's cluster module.
 * The primary process only forks N workers and looks after them; each worker
 * runs server.ts in full (its own content snapshot, watcher and page cache, so
 * each reloads on its own when content changes) and they share the listening
 * port. A worker that dies is replaced after a pause; SIGTERM/SIGINT are
 * passed on, each worker finishes its requests in flight, then the primary exits.
 */
import cluster from 'node:cluster';
import type { ServerLog } from './logging.js';

/** Pause before replacing a worker that died, so a crash at start-up does not spin. */
const RESTART_DELAY_MS = 1000;

/** True in the process that should fork workers rather than serve. */
export function isClusterPrimary(concurrency: number): boolean {
  return concurrency > 1 && cluster.isPrimary;
}

/** Forks `concurrency` workers running this same entry file; never settles (the process ends by signal). */
export function runClusterPrimary(concurrency: number, { logger, settle }: ServerLog, logSettleMs: number): Promise<never> {
  let stopping = false;
  let failed = false;
  // As server.ts does: the log's last lines are waited for (at most logSettleMs), so a gone log reader cannot hold up the exit.
  const exit = (code: number) => void settle(logSettleMs).then(() => process.exit(code));
  logger.info({ workers: concurrency }, `WEB_CONCURRENCY=${concurrency}: forking ${concurrency} workers`);
  for (let i = 0; i < concurrency; i++) cluster.fork();

  cluster.on('exit', (worker, code, signal) => {
    if (code !== 0 && !stopping) failed = true;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) exit(failed ? 1 : 0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, `worker exited; starting another in ${RESTART_DELAY_MS} ms`);
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, RESTART_DELAY_MS);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping workers`);
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return new Promise<never>(() => {});
}
