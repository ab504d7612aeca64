/**
 * The content checker: `npm run check [DIR] [-- --now ISO-DATE]`.
 * Validates a content folder without starting the server and prints every
 * problem as `path:line: field: message` (warnings say so), then a summary.
 * Exit status: 1 when there are errors, 0 when there are only warnings,
 * 2 when the folder cannot be checked at all.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseFrontMatter } from './content/front-matter.js';
import { lintContent } from './content/lint.js';
import { formatProblem, sortProblems } from './content/problems.js';
import { ContentLoader } from './content/reloader.js';
import type { ContentProblem } from './content/types.js';

export interface CheckIo {
  out: (line: string) => void;
  /** The clock: warnings such as "pinned job has closed" are relative to it. */
  now: Date;
}

export async function check(argv: readonly string[], io: CheckIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: [...argv], allowPositionals: true, options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.out(`check: ${(error as Error).message}`);
    return 2;
  }
  if (args.values.help) {
    io.out('usage: npm run check [DIR] [-- --now 2016-06-15T12:00Z]   (DIR defaults to ./content)');
    return 0;
  }
  const dir = path.resolve(args.positionals[0] ?? 'content');
  const now = args.values.now ? new Date(args.values.now) : io.now;
  if (Number.isNaN(now.getTime())) {
    io.out(`check: --now: expected a date, got "${args.values.now}"`);
    return 2;
  }
  if (!isFolder(dir)) {
    io.out(`check: ${dir} is not a folder`);
    return 2;
  }
  const loader = new ContentLoader(dir, { clock: () => now });
  const snapshot = await loader.load();
  const problems = sortProblems([...snapshot.problems, ...lintContent(snapshot, { now, lineOf: keyLineFinder() })]);
  for (const problem of problems) io.out(problem.severity === 'warning' ? formatProblem({ ...problem, message: `warning: ${problem.message}` }) : formatProblem(problem));
  io.out(summary(loader.fileCount, snapshot.articles.length, snapshot.jobs.length, problems));
  return problems.some((problem) => problem.severity === 'error') ? 1 : 0;
}

function summary(files: number, articles: number, jobs: number, problems: readonly ContentProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const filesWithErrors = new Set(errors.map((p) => p.file)).size;
  const warnings = problems.length - errors.length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(files, 'file')} checked (${plural(articles, 'valid article')}, ${plural(jobs, 'valid job')}): ${plural(errors.length, 'error')} in ${plural(filesWithErrors, 'file')}, ${plural(warnings, 'warning')}`;
}

/** Lines of front-matter keys, read from the files on demand (each file once). */
function keyLineFinder(): (file: string, field: string) => number | undefined {
  const cache = new Map<string, Map<string, number>>();
  return (file, field) => {
    let lines = cache.get(file);
    if (!lines) {
      try {
        lines = parseFrontMatter(readFileSync(file, 'utf8')).keyLines;
      } catch {
        lines = new Map();
      }
      cache.set(file, lines);
    }
    return lines.get(field);
  };
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await check(process.argv.slice(2), { out: (line) => console.log(line), now: new Date() });
}
