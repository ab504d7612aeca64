/** site.yaml and topics.yaml as the live loader holds them: a file that no longer parses keeps the last good settings. */
import { loadSiteSettings, loadTopics } from './files.js';
import { lastGoodNote } from './problems.js';
import type { ContentProblem, SiteSettings, Topic } from './types.js';

export interface Settings {
  site: SiteSettings;
  siteProblems: ContentProblem[];
  topics: Topic[];
  topicProblems: ContentProblem[];
}

export async function readSettings(root: string, siteUrl: string | undefined, previous: Settings | undefined): Promise<Settings> {
  const [site, topics] = await Promise.all([loadSiteSettings(root, siteUrl), loadTopics(root)]);
  const siteBroken = previous !== undefined && site.problems.some((p) => p.field === 'site.yaml');
  const topicsBroken = previous !== undefined && topics.problems.some((p) => p.field === 'topics');
  return {
    site: siteBroken ? previous.site : site.site,
    siteProblems: siteBroken ? kept(site.problems, 'settings') : site.problems,
    topics: topicsBroken ? previous.topics : topics.topics,
    topicProblems: topicsBroken ? kept(topics.problems, 'topics') : topics.problems,
  };
}

/** The problems of a settings file kept at its last good version: no "using defaults", and a note. */
function kept(problems: ContentProblem[], what: 'settings' | 'topics'): ContentProblem[] {
  return [...problems.map((p) => ({ ...p, message: p.message.replace(/; using defaults$/, '') })), lastGoodNote(problems[0]!.file, what)];
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify([a.site, a.topics, a.siteProblems, a.topicProblems]) === JSON.stringify([b.site, b.topics, b.siteProblems, b.topicProblems]);
}
