import { describe, expect, it } from 'vitest';
import { employmentTypes, jobPageJsonLd, jobPosting, postalAddress } from '../../src/seo/job-posting.js';
import { articlePageJsonLd, homePageJsonLd, jsonLdScript, newsArticle } from '../../src/seo/structured-data.js';
import { SITE, article, job } from './support/records.js';

const story = article('budget', new Date('2020-06-10T08:00:00Z'), {
  title: 'Budget </script><script>alert(1)</script>',
  updated: new Date('2020-06-10T10:30:00Z'),
  authors: [{ name: 'Asha Patel', slug: 'asha-patel' }],
  tags: [{ name: 'council finance', slug: 'council-finance' }, { name: 'Budgets', slug: 'budgets' }],
  image: '/assets/budget.jpg',
  imageAlt: 'Civic hall',
});

describe('NewsArticle', () => {
  const data = newsArticle(story, SITE);

  it('has every property Google lists, dates with the zone offset', () => {
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: story.title,
      description: 'Summary of budget.',
      image: ['https://memory.example.org/assets/budget.jpg'],
      datePublished: '2020-06-10T09:00:00+01:00',
      dateModified: '2020-06-10T11:30:00+01:00',
      author: [{ '@type': 'Person', name: 'Asha Patel', url: 'https://memory.example.org/authors/asha-patel' }],
      publisher: { '@type': 'Organization', name: 'Memory News', logo: { '@type': 'ImageObject', url: 'https://memory.example.org/assets/logo.png' } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://memory.example.org/news/budget' },
      articleSection: 'council finance',
      keywords: ['council finance', 'Budgets'],
    });
  });

  it('credits agency copy to its publication', () => {
    expect(newsArticle(article('a', new Date(), { publication: 'The Other Paper' }), SITE).author).toEqual([{ '@type': 'Organization', name: 'The Other Paper' }]);
  });

  it('puts the article and its breadcrumbs in one graph', () => {
    const graph = articlePageJsonLd(story, SITE)['@graph'] as Array<Record<string, unknown>>;
    expect(graph.map((node) => node['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
    expect(graph[1]!.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Memory News', item: 'https://memory.example.org/' },
      { '@type': 'ListItem', position: 2, name: 'council finance', item: 'https://memory.example.org/tags/council-finance' },
      { '@type': 'ListItem', position: 3, name: story.title, item: 'https://memory.example.org/news/budget' },
    ]);
  });
});

describe('jsonLdScript', () => {
  it('keeps "</script>" inside the JSON string', () => {
    const script = jsonLdScript(articlePageJsonLd(story, SITE));
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain('<');
    expect((JSON.parse(script)['@graph'][0] as { headline: string }).headline).toBe('Budget </script><script>alert(1)</script>');
  });
});

describe('JobPosting', () => {
  it.each([
    ['Full time', 'Permanent', ['FULL_TIME']],
    ['Part time, 20 hours', 'Permanent', ['PART_TIME']],
    ['Full-time', 'Fixed term', ['FULL_TIME', 'TEMPORARY']],
    [undefined, 'Temporary', ['TEMPORARY']],
    ['Full time', 'Interim contract', ['FULL_TIME', 'CONTRACTOR']],
    [undefined, 'Locum', ['CONTRACTOR']],
    ['Casual', undefined, ['PER_DIEM']],
    [undefined, 'Volunteer', ['VOLUNTEER']],
    [undefined, 'Graduate internship', ['INTERN']],
    ['37 hours', 'Permanent', []],
    [undefined, undefined, []],
  ])('maps hours %j and contract %j to %j', (hours, contract, types) => {
    expect(employmentTypes({ hours, contract })).toEqual(types);
  });

  it.each([
    ['Oldbury, Sandwell', { addressLocality: 'Oldbury', addressRegion: 'Sandwell' }],
    ['Leeds, Kirkstall, West Yorkshire', { addressLocality: 'Leeds', addressRegion: 'West Yorkshire' }],
    ['Oxfordshire', { addressLocality: 'Oxfordshire', addressRegion: 'Oxfordshire' }],
  ])('reads the address of %s', (location, address) => {
    expect(postalAddress(location)).toEqual({ '@type': 'PostalAddress', ...address, addressCountry: 'GB' });
  });

  const open = job('finance-manager', new Date('2020-06-01T00:00:00Z'), {
    hours: 'Part time', contract: 'Fixed term', salaryMin: 40000, salaryMax: 45000, applyUrl: 'https://jobs.example.org/apply', closes: new Date('2020-06-30T23:00:00Z'),
  });

  it('has every property Google lists, with salary in GBP a year and directApply', () => {
    expect(jobPosting(open, SITE, '<p>Lead a <strong>team</strong>.</p>')).toMatchObject({
      '@type': 'JobPosting',
      title: 'Job finance-manager',
      description: '<p>Lead a <strong>team</strong>.</p>',
      datePosted: '2020-06-01T01:00:00+01:00',
      validThrough: '2020-07-01T00:00:00+01:00',
      employmentType: ['PART_TIME', 'TEMPORARY'],
      hiringOrganization: { '@type': 'Organization', name: 'Example Council' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Leeds', addressRegion: 'West Yorkshire', addressCountry: 'GB' } },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', minValue: 40000, maxValue: 45000, unitText: 'YEAR' } },
      directApply: true,
    });
  });

  it('gives a single salary as a value, leaves out what is unknown, and marks remote work', () => {
    const data = jobPosting(job('remote', new Date('2020-06-01T00:00:00Z'), { salaryMin: 35000, location: 'Remote (home-based)' }), SITE, '<p>x</p>');
    expect(data.baseSalary).toEqual({ '@type': 'MonetaryAmount', currency: 'GBP', value: { '@type': 'QuantitativeValue', value: 35000, unitText: 'YEAR' } });
    expect(data.jobLocationType).toBe('TELECOMMUTE');
    for (const key of ['validThrough', 'employmentType', 'directApply']) expect(data).not.toHaveProperty(key);
    expect(jobPosting(job('none', new Date()), SITE, '')).not.toHaveProperty('baseSalary');
  });

  it('puts the posting and its breadcrumbs in one graph', () => {
    const graph = jobPageJsonLd(open, SITE, '')['@graph'] as Array<Record<string, unknown>>;
    expect(graph.map((node) => node['@type'])).toEqual(['JobPosting', 'BreadcrumbList']);
    expect((graph[1]!.itemListElement as Array<{ item: string }>).map((crumb) => crumb.item)).toEqual([
      'https://memory.example.org/', 'https://memory.example.org/jobs', 'https://memory.example.org/jobs/finance-manager',
    ]);
  });
});

describe('home page', () => {
  it('describes the WebSite with a SearchAction, and its publisher', () => {
    const graph = homePageJsonLd(SITE)['@graph'] as Array<Record<string, unknown>>;
    expect(graph[0]).toMatchObject({
      '@type': 'WebSite',
      url: 'https://memory.example.org/',
      potentialAction: { '@type': 'SearchAction', target: { urlTemplate: 'https://memory.example.org/search?q={search_term_string}' }, 'query-input': 'required name=search_term_string' },
    });
    expect(graph[1]).toMatchObject({ '@type': 'Organization', logo: { url: 'https://memory.example.org/assets/logo.png' } });
  });
});
