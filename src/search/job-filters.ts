/**
 * The /jobs filters: keywords, location, minimum salary, hours and contract.
 * Filters combine (every one given must match). Pure: the route parses the
 * request into `JobFilters` and renders what comes back.
 */
import type { Job } from '../content/types.js';
import { containsWords, matchesLocation } from './location.js';
import { indexTerms, words } from './text.js';

export interface JobFilters {
  /** Keywords, matched against title, employer and description. */
  q: string;
  location: string;
  /** Pounds a year; jobs without salary figures are left out when set. */
  salaryMin?: number;
  hours: string;
  contract: string;
}

export const NO_JOB_FILTERS: JobFilters = { q: '', location: '', hours: '', contract: '' };

export interface FilteredJobs {
  jobs: Job[];
  /** Jobs that matched every other filter but state no salary figures, so a minimum salary left them out. */
  withoutSalary: number;
}

export function isFiltered(filters: JobFilters): boolean {
  return Boolean(filters.q || filters.location || filters.salaryMin !== undefined || filters.hours || filters.contract);
}

export function filterJobs(jobs: readonly Job[], filters: JobFilters): FilteredJobs {
  const keywords = indexTerms(filters.q);
  const matched = jobs.filter(
    (job) =>
      (!filters.q || matchesKeywords(job, keywords)) &&
      (!filters.location || matchesLocation(job, filters.location)) &&
      (!filters.hours || matchesChoice(job.hours, filters.hours)) &&
      (!filters.contract || matchesChoice(job.contract, filters.contract)),
  );
  if (filters.salaryMin === undefined) return { jobs: matched, withoutSalary: 0 };
  const min = filters.salaryMin;
  return {
    jobs: matched.filter((job) => (salaryCeiling(job) ?? -1) >= min),
    withoutSalary: matched.filter((job) => salaryCeiling(job) === undefined).length,
  };
}

/** The most a job pays, as far as its figures say. */
function salaryCeiling(job: Job): number | undefined {
  return job.salaryMax ?? job.salaryMin;
}

const jobTerms = new WeakMap<Job, string[]>();

/** Every keyword's stem is a word (or the start of a word) of the job's title, employer or description. */
function matchesKeywords(job: Job, keywords: readonly string[]): boolean {
  let terms = jobTerms.get(job);
  if (!terms) jobTerms.set(job, (terms = [...new Set(indexTerms(`${job.title} ${job.employer} ${job.summary} ${job.text}`))]));
  return keywords.every((keyword) => terms.some((term) => term === keyword || (keyword.length >= 3 && term.startsWith(keyword))));
}

/** `Full time` matches `Full time, 37 hours` and `full-time`: the choice's words, in a run, case and accents ignored. */
export function matchesChoice(value: string | undefined, choice: string): boolean {
  return value !== undefined && containsWords(words(value), words(choice));
}

/**
 * Choices for a select, from the jobs' own values: the part before any comma,
 * semicolon or bracket (`Part time, 20 hours` → `Part time`), one per spelling
 * ignoring case, sorted.
 */
export function choicesOf(values: readonly (string | undefined)[]): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    const choice = value?.split(/[,;(]/)[0]!.trim();
    const key = choice ? words(choice).join(' ') : '';
    if (choice && key && !byKey.has(key)) byKey.set(key, choice);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

export interface JobFilterChoices {
  hours: string[];
  contract: string[];
}

const choicesByList = new WeakMap<readonly Job[], JobFilterChoices>();

/** The hours and contract choices of a list of jobs (a view's current jobs), worked out once per list. */
export function jobFilterChoices(jobs: readonly Job[]): JobFilterChoices {
  let choices = choicesByList.get(jobs);
  if (!choices) choicesByList.set(jobs, (choices = { hours: choicesOf(jobs.map((job) => job.hours)), contract: choicesOf(jobs.map((job) => job.contract)) }));
  return choices;
}

export interface ChoiceOption {
  value: string;
  selected: boolean;
}

/** Options for a select: the choices, the reader's choice marked (and added when no current job has it, so it is kept). */
export function choiceOptions(choices: readonly string[], selected: string): ChoiceOption[] {
  const key = words(selected).join(' ');
  const options = choices.map((value) => ({ value, selected: key !== '' && words(value).join(' ') === key }));
  if (key && !options.some((option) => option.selected)) options.push({ value: selected, selected: true });
  return options;
}
