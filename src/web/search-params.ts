/**
 * Search and filter input from the query string, checked before use: one
 * value per parameter (a repeated one is a 400), text cleaned and capped
 * (longer text is cut, and the page says so), numbers digits only.
 */
import { NO_JOB_FILTERS, type JobFilters } from '../search/job-filters.js';
import { cleanSearchText, MAX_QUERY_LENGTH } from '../search/text.js';
import { badRequest } from './errors.js';

export interface TextParam {
  text: string;
  /** True when the value was longer than allowed and was cut. */
  truncated: boolean;
}

/** Free text (`?q=`): absent means empty; cleaned of control and format characters, cut at `max` characters. */
export function textParam(value: unknown, label: string, max = MAX_QUERY_LENGTH): TextParam {
  if (value === undefined) return { text: '', truncated: false };
  if (typeof value !== 'string') throw badRequest(`Give the ${label} once.`);
  return cleanSearchText(value, max);
}

/** A whole number of pounds (`30000`, `30,000`, `£30,000`); absent or empty means none; anything else is a 400. */
export function poundsParam(value: unknown, label: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`Give the ${label} once.`);
  const digits = value.trim().replace(/^£/, '').replace(/,(?=\d{3}(?:,|$))/g, '');
  if (!/^\d{1,7}$/.test(digits)) throw badRequest(`The ${label} must be a whole number of pounds a year, like 30000.`);
  return Number(digits);
}

const CHOICE_LENGTH = 100;

/** The /jobs filters from the query string; see JobFilters. */
export function jobFiltersParam(query: Record<string, unknown>): { filters: JobFilters; truncated: boolean } {
  const q = textParam(query.q, 'keywords');
  const location = textParam(query.location, 'location', CHOICE_LENGTH);
  const hours = textParam(query.hours, 'hours', CHOICE_LENGTH);
  const contract = textParam(query.contract, 'contract', CHOICE_LENGTH);
  const salaryMin = poundsParam(query.salary_min, 'minimum salary');
  return {
    filters: { ...NO_JOB_FILTERS, q: q.text, location: location.text, hours: hours.text, contract: contract.text, ...(salaryMin !== undefined ? { salaryMin } : {}) },
    truncated: q.truncated || location.truncated || hours.truncated || contract.truncated,
  };
}

/** The /jobs address of page `page` with these filters (empty ones left out), for links and canonicals. */
export function jobsPath(filters: JobFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.location) params.set('location', filters.location);
  if (filters.salaryMin !== undefined) params.set('salary_min', String(filters.salaryMin));
  if (filters.hours) params.set('hours', filters.hours);
  if (filters.contract) params.set('contract', filters.contract);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/jobs?${query}` : '/jobs';
}

/** The /search address of page `page` for a query. */
export function searchPath(query: string, page = 1): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `/search?${text}` : '/search';
}
