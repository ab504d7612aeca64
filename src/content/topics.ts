/**
 * topics.yaml: the newsroom's vocabulary for matching stories to jobs.
 * Each key is a topic; its value lists words and phrases of that field:
 *
 *   children's social care: [social worker, family support, fostering]
 */
import { z } from 'zod';
import { FrontMatterError, parseYaml } from './front-matter.js';
import type { ContentProblem, Topic } from './types.js';

const Terms = z.array(z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1).max(100))).max(500);

export function parseTopics(file: string, text: string | undefined): { topics: Topic[]; problems: ContentProblem[] } {
  if (text === undefined) return { topics: [], problems: [] };
  const keyLines = new Map<string, number>();
  let data: Record<string, unknown>;
  try {
    data = parseYaml(text.replace(/^\uFEFF/, ''), keyLines);
  } catch (error) {
    const line = error instanceof FrontMatterError ? error.line : undefined;
    return { topics: [], problems: [{ file, field: 'topics', message: (error as Error).message, severity: 'error', ...(line ? { line } : {}) }] };
  }
  const topics: Topic[] = [];
  const problems: ContentProblem[] = [];
  for (const [name, value] of Object.entries(data)) {
    const result = Terms.safeParse(value);
    const line = keyLines.get(name);
    if (!result.success) {
      problems.push({ file, field: name, message: 'expected a list of words and phrases', severity: 'error', ...(line ? { line } : {}) });
      continue;
    }
    const terms = [...new Set([name, ...result.data].map((term) => term.toLowerCase()))];
    topics.push({ name, terms });
  }
  return { topics, problems };
}
