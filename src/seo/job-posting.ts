/**
 * JobPosting JSON-LD for an open job's own page, per Google's job posting
 * rules (never on listings, never once the job has closed). Pure.
 */
import type { Job, SiteSettings } from '../content/types.js';
import { w3cDateTime } from './dates.js';
import { absoluteUrl } from './meta.js';
import { breadcrumbList, jsonLdGraph, type JsonLd } from './structured-data.js';

/** Google's employmentType values, matched against the advert's `hours` and `contract` text. */
const EMPLOYMENT_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\bfull[\s-]?time\b/i, 'FULL_TIME'],
  [/\bpart[\s-]?time\b|\bjob[\s-]?share\b/i, 'PART_TIME'],
  [/\bcontract(or)?\b|\bfreelance\b|\binterim\b|\blocum\b|\bconsultan(t|cy)\b/i, 'CONTRACTOR'],
  [/\bfixed[\s-]?term\b|\btemporary\b|\btemp\b|\bsecondment\b|\bmaternity\b/i, 'TEMPORARY'],
  [/\bintern(ship)?\b|\bplacement\b/i, 'INTERN'],
  [/\bvolunt(eer|ary)\b/i, 'VOLUNTEER'],
  [/\bcasual\b|\bsessional\b|\bzero[\s-]hours?\b|\bbank\b(?!\s+holiday)/i, 'PER_DIEM'],
];

/** `Full time` + `Fixed term` → `['FULL_TIME', 'TEMPORARY']`; nothing recognised → `[]`. */
export function employmentTypes(job: Pick<Job, 'hours' | 'contract'>): string[] {
  const text = `${job.hours ?? ''} ${job.contract ?? ''}`;
  return EMPLOYMENT_TYPES.filter(([pattern]) => pattern.test(text)).map(([, type]) => type);
}

/** `Oldbury, Sandwell` → locality Oldbury, region Sandwell; a single name stands for both. */
export function postalAddress(location: string): JsonLd {
  const parts = location.split(',').map((part) => part.trim()).filter(Boolean);
  const locality = parts[0] ?? location;
  return { '@type': 'PostalAddress', addressLocality: locality, addressRegion: parts.length > 1 ? parts[parts.length - 1] : locality, addressCountry: 'GB' };
}

function baseSalary(job: Job): JsonLd | undefined {
  if (job.salaryMin === undefined && job.salaryMax === undefined) return undefined;
  const value =
    job.salaryMin !== undefined && job.salaryMax !== undefined && job.salaryMin !== job.salaryMax
      ? { minValue: job.salaryMin, maxValue: job.salaryMax }
      : { value: job.salaryMin ?? job.salaryMax };
  return { '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', ...value, unitText: 'YEAR' } };
}

export function jobPosting(job: Job, site: SiteSettings, descriptionHtml: string): JsonLd {
  const types = employmentTypes(job);
  const salary = baseSalary(job);
  const remote = /\b(remote|home[\s-]?based|home[\s-]?working)\b/i.test(job.location);
  return {
    '@type': 'JobPosting',
    title: job.title,
    description: descriptionHtml,
    datePosted: w3cDateTime(job.posted, site.timezone),
    ...(job.closes ? { validThrough: w3cDateTime(job.closes, site.timezone) } : {}),
    ...(types.length ? { employmentType: types.length === 1 ? types[0] : types } : {}),
    hiringOrganization: { '@type': 'Organization', name: job.employer },
    jobLocation: { '@type': 'Place', address: postalAddress(job.location) },
    ...(remote ? { jobLocationType: 'TELECOMMUTE', applicantLocationRequirements: { '@type': 'Country', name: 'GB' } } : {}),
    ...(salary ? { baseSalary: salary } : {}),
    ...(job.applyUrl ? { directApply: true } : {}),
    identifier: { '@type': 'PropertyValue', name: site.name, value: job.slug },
    url: absoluteUrl(site, `/jobs/${job.slug}`),
  };
}

/** An open job's page: the posting and its breadcrumbs (home › jobs › job). */
export function jobPageJsonLd(job: Job, site: SiteSettings, descriptionHtml: string): JsonLd {
  return jsonLdGraph(jobPosting(job, site, descriptionHtml), breadcrumbList(site, [{ name: 'Jobs', path: '/jobs' }, { name: job.title, path: `/jobs/${job.slug}` }]));
}
