/** Content problems as editors read them: `path:line: field: message`. */
import type { ContentProblem } from './types.js';

export function formatProblem(problem: ContentProblem): string {
  return `${problem.line ? `${problem.file}:${problem.line}` : problem.file}: ${problem.field}: ${problem.message}`;
}

/** By file, then line (problems without a line first), keeping the order of equals. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}
