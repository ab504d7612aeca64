/** Content problems as editors read them: `path:line: field: message`. */
import type { ContentProblem } from './types.js';

export function formatProblem(problem: ContentProblem): string {
  return `${problem.line ? `${problem.file}:${problem.line}` : problem.file}: ${problem.field}: ${problem.message}`;
}

/** By file, then line (problems without a line first), keeping the order of equals. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** The warning that goes with a file kept at its last good version (or settings kept) while the new one is invalid. */
export function lastGoodNote(file: string, what: 'version' | 'settings' | 'topics'): ContentProblem {
  const message = what === 'version' ? 'not published: the last good version of this file stays live until it is fixed' : `the last good ${what} stay in use until the file is fixed`;
  return { file, field: 'file', message, severity: 'warning' };
}

/** Problems of `current` that `previous` did not have (each problem is logged once). */
export function newProblems(current: readonly ContentProblem[], previous: readonly ContentProblem[]): ContentProblem[] {
  const key = (problem: ContentProblem) => `${problem.file}:${problem.line ?? ''}:${problem.field}:${problem.message}`;
  const seen = new Set(previous.map(key));
  return current.filter((problem) => !seen.has(key(problem)));
}
