/** What operators read about content: one line per reload, and each problem once as `path:line: field: message`. */
import type { Logger } from 'pino';
import { formatProblem } from './problems.js';
import type { ReloadReport } from './reloader.js';
import type { ContentProblem } from './types.js';

export type ContentLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** One line per reload: what changed (counts and the first few names) and how long it took; then new problems, once each. */
export function logReload(logger: ContentLogger | undefined, report: ReloadReport): void {
  if (!logger) return;
  const { added, changed, removed, snapshot } = report;
  const total = added.length + changed.length + removed.length;
  const names = [...added, ...changed, ...removed].slice(0, 5);
  const counts = [
    added.length ? `${added.length} added` : '',
    changed.length ? `${changed.length} changed` : '',
    removed.length ? `${removed.length} removed` : '',
    report.settingsChanged ? 'settings changed' : '',
  ].filter(Boolean);
  if (counts.length > 0) {
    const fields = { added: added.length, changed: changed.length, removed: removed.length, files: names, ms: Math.round(report.ms) };
    const counted = { version: snapshot.version, articles: snapshot.articles.length, jobs: snapshot.jobs.length, problems: snapshot.problems.length };
    const list = names.length ? ` (${names.join(', ')}${names.length < total ? ', …' : ''})` : '';
    logger.info({ ...fields, ...counted }, `content reloaded: ${counts.join(', ')}${list} in ${Math.round(report.ms)} ms`);
  }
  logProblems(logger, report.newProblems);
}

/** Each problem as `path:line: field: message`, errors at error level, warnings at warn. */
export function logProblems(logger: ContentLogger | undefined, problems: readonly ContentProblem[]): void {
  for (const problem of problems) logger?.[problem.severity === 'error' ? 'error' : 'warn'](formatProblem(problem));
}
