/**
 * The server's logger: JSON lines on stdout, written without blocking (pino's
 * default). Lines wait in memory while stdout is not taking them (a log
 * shipper that stalls, a terminal paused); past `bufferBytes` of waiting
 * output new lines are dropped rather than kept, so a slow reader of the log
 * cannot grow the server's memory under load. How many were dropped is logged
 * once the output moves again.
 */
import { pino, type Logger } from 'pino';

/** How often dropped lines are counted up in a warning. */
const DROP_REPORT_MS = 1000;

export function createLogger(level: string, bufferBytes: number): Logger {
  const destination = pino.destination({ dest: 1, sync: false, maxLength: bufferBytes });
  const logger = pino({ level }, destination);
  let dropped = 0;
  destination.on('drop', () => dropped++);
  setInterval(() => {
    if (!dropped) return;
    const count = dropped;
    dropped = 0;
    logger.warn({ dropped: count }, `${count} log lines dropped: stdout was not taking them (more than ${Math.round(bufferBytes / 1024)} KB waiting)`);
  }, DROP_REPORT_MS).unref();
  return logger;
}
