/**
 * The server's logger: JSON lines on stdout, written without blocking (pino's
 * default). Lines wait in memory while stdout is not taking them (a log
 * shipper that stalls, a terminal paused); past `bufferBytes` of waiting
 * output new lines are dropped rather than kept, so a slow reader of the log
 * cannot grow the server's memory under load. How many were dropped is logged
 * once the output moves again.
 *
 * Nor can stdout hold up an exit. When the process exits, pino writes what
 * is left with sonic-boom's flushSync, which retries a failed write every
 * 100 ms for as long as it fails. A server whose log reader had gone (EPIPE)
 * while lines were on their way therefore never exited, even past
 * SHUTDOWN_TIMEOUT. So the server waits for the log with `settle` (for a
 * bounded time) before it exits, and flushSync tries a stdout that is full
 * only once.
 */
import { pino, type Logger } from 'pino';

/** How often dropped lines are counted up in a warning. */
const DROP_REPORT_MS = 1000;

export interface ServerLog {
  logger: Logger;
  /**
   * Resolves once the lines logged so far are written, stdout is found
   * closed, or `ms` have passed. To await before `process.exit`.
   */
  settle(ms: number): Promise<void>;
}

export function createLogger(level: string, bufferBytes: number): ServerLog {
  const destination = pino.destination({ dest: 1, sync: false, maxLength: bufferBytes });
  const logger = pino({ level }, destination);
  let dropped = 0;
  let closed = false;
  destination.on('drop', () => dropped++);
  // pino stops writing once stdout is closed (EPIPE); noted here so that settling does not wait for it.
  destination.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
  });
  setInterval(() => {
    if (!dropped) return;
    const count = dropped;
    dropped = 0;
    logger.warn({ dropped: count }, `${count} log lines dropped: stdout was not taking them (more than ${Math.round(bufferBytes / 1024)} KB waiting)`);
  }, DROP_REPORT_MS).unref();

  // flushSync (at exit, and after a fatal line): lines stdout does not take at once (EAGAIN: a reader that
  // stalls) are given up, not retried forever.
  const flushSync = destination.flushSync.bind(destination);
  const retrying = destination as unknown as { retryEAGAIN: () => boolean };
  destination.flushSync = () => {
    const retry = retrying.retryEAGAIN;
    retrying.retryEAGAIN = () => false;
    try {
      flushSync();
    } catch {
      // Those lines are lost: stdout is not taking them.
    } finally {
      retrying.retryEAGAIN = retry;
    }
  };

  const settle = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        destination.off('drain', done);
        destination.off('error', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      destination.once('drain', done);
      destination.once('error', done);
      // An empty write: when nothing is on its way it ends at once in 'drain' (or 'error' if stdout is closed).
      destination.write('');
    });
  return { logger, settle };
}
