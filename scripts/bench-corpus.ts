/**
 * Writes a generated content folder for benchmarks: realistic UK local
 * government articles and job adverts in the content format (front matter +
 * Markdown), deterministic for a given seed, counts and base date.
 *
 *   npm run bench:corpus -- --articles 10000 --jobs 2000 [--seed 1] [--base 2026-11-30] [--out DIR]
 *
 * Articles run back from the base date (a few are scheduled after it, a few
 * are drafts); jobs are posted in the weeks before it and most close after
 * it (a few have closed). Without --out the folder is made under the system
 * temp folder and its path is printed. A folder already holding the same
 * corpus (same parameters) is reused.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface CorpusOptions {
  articles: number;
  jobs: number;
  seed: number;
  /** Calendar date (UTC) the corpus is built around: articles before it, jobs open after it. */
  base: string;
  out?: string;
}

/** mulberry32: a small, fast, seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNCILS = [
  ['Birmingham City Council', 'Birmingham', 'West Midlands'], ['Sandwell Council', 'Sandwell', 'West Midlands'], ['Essex County Council', 'Chelmsford', 'Essex'],
  ['Kent County Council', 'Maidstone', 'Kent'], ['Leeds City Council', 'Leeds', 'West Yorkshire'], ['Manchester City Council', 'Manchester', 'Greater Manchester'],
  ['Bristol City Council', 'Bristol', 'South West'], ['Cornwall Council', 'Truro', 'Cornwall'], ['Norfolk County Council', 'Norwich', 'Norfolk'],
  ['Hampshire County Council', 'Winchester', 'Hampshire'], ['Liverpool City Council', 'Liverpool', 'Merseyside'], ['Newcastle City Council', 'Newcastle upon Tyne', 'Tyne and Wear'],
  ['Surrey County Council', 'Guildford', 'Surrey'], ['Lancashire County Council', 'Preston', 'Lancashire'], ['Devon County Council', 'Exeter', 'Devon'],
  ['Nottinghamshire County Council', 'Nottingham', 'East Midlands'], ['Croydon Council', 'Croydon', 'London'], ['Tower Hamlets Council', 'Tower Hamlets', 'London'],
  ['Oxfordshire County Council', 'Oxford', 'Oxfordshire'], ['Cumberland Council', 'Carlisle', 'Cumbria'], ['Slough Borough Council', 'Slough', 'Berkshire'],
  ['Thurrock Council', 'Grays', 'Essex'], ['Woking Borough Council', 'Woking', 'Surrey'], ['Northumberland County Council', 'Morpeth', 'Northumberland'],
] as const;

const TOPICS = [
  { tag: "children's services", words: ['social workers', 'care leavers', 'child protection plans', 'foster carers', 'early help teams'], roles: ['Children’s Social Worker', 'Family Support Worker', 'Independent Reviewing Officer', 'Residential Care Worker'] },
  { tag: 'adult social care', words: ['care homes', 'home care providers', 'reablement services', 'unpaid carers', 'care packages'], roles: ['Adults Social Worker', 'Occupational Therapist', 'Reablement Support Worker', 'Approved Mental Health Professional'] },
  { tag: 'SEND', words: ['education, health and care plans', 'special schools', 'SEND tribunals', 'high needs budgets', 'educational psychologists'], roles: ['SEND Caseworker', 'Educational Psychologist', 'Inclusion Officer', 'SEND Transport Coordinator'] },
  { tag: 'housing', words: ['temporary accommodation', 'council homes', 'housing waiting lists', 'rough sleepers', 'damp and mould complaints'], roles: ['Housing Officer', 'Homelessness Prevention Officer', 'Tenancy Sustainment Officer', 'Surveyor'] },
  { tag: 'planning', words: ['planning applications', 'local plans', 'housing targets', 'green belt sites', 'section 106 agreements'], roles: ['Planning Officer', 'Principal Planner', 'Planning Enforcement Officer', 'Conservation Officer'] },
  { tag: 'council finance', words: ['section 114 notices', 'reserves', 'council tax rises', 'budget gaps', 'capitalisation directions'], roles: ['Finance Business Partner', 'Senior Accountant', 'Revenues Officer', 'Head of Finance'] },
  { tag: 'highways', words: ['potholes', 'resurfacing schemes', 'winter gritting', 'street lighting', 'bus services'], roles: ['Highways Engineer', 'Traffic Management Officer', 'Highways Inspector', 'Transport Planner'] },
  { tag: 'waste and recycling', words: ['bin collections', 'food waste', 'recycling rates', 'fly-tipping', 'household waste centres'], roles: ['Waste Services Manager', 'Recycling Officer', 'HGV Driver', 'Street Scene Supervisor'] },
  { tag: 'public health', words: ['smoking cessation', 'sexual health clinics', 'obesity programmes', 'health visitors', 'drug and alcohol services'], roles: ['Public Health Practitioner', 'Health Improvement Officer', 'Consultant in Public Health', 'Epidemiologist'] },
  { tag: 'workforce', words: ['agency staff', 'pay offers', 'vacancy rates', 'apprenticeships', 'hybrid working'], roles: ['HR Business Partner', 'Recruitment Advisor', 'Learning and Development Officer', 'Payroll Officer'] },
  { tag: 'devolution', words: ['combined authorities', 'mayoral elections', 'devolution deals', 'unitary proposals', 'local government reorganisation'], roles: ['Policy Officer', 'Strategy Manager', 'Democratic Services Officer', 'Programme Manager'] },
  { tag: 'Ofsted', words: ['inspection reports', 'monitoring visits', 'improvement notices', 'commissioners', 'judgments'], roles: ['Quality Assurance Manager', 'Practice Educator', 'Service Manager', 'Team Manager'] },
] as const;

const PEOPLE = ['Laura Sharman', 'William Eichler', 'Dan Peters', 'Jessica Hill', 'Martin Ford', 'Thomas Bridge', 'Sam Clayden', 'Chloe Smith', 'Priya Patel', 'Owen Hughes', 'Rachel Green', 'Ahmed Khan'];
const SPEAKERS = ['the council leader', 'the cabinet member for children', 'a spokesperson for the council', 'the chief executive', 'the Local Government Association', 'the opposition group leader', 'Unison’s regional organiser', 'the director of adult services'];
const VERBS = ['warned', 'said', 'told The MJ', 'insisted', 'admitted', 'argued', 'acknowledged', 'confirmed'];
const OPENERS = ['Councils across England', 'Town hall leaders', 'Senior officers', 'Finance directors', 'Inspectors', 'Campaigners', 'Ministers', 'Unions'];

/** Builds every article and job of a corpus as [relative path, text] pairs, one at a time. */
export function* corpusFiles(options: CorpusOptions): Generator<[string, string]> {
  const rand = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const base = Date.parse(`${options.base}T00:00:00Z`);
  const day = 86_400_000;
  const jobSlugs: string[] = [];
  const jobTopics: number[] = [];

  for (let i = 0; i < options.jobs; i++) {
    const topicIndex = int(0, TOPICS.length - 1);
    const topic = TOPICS[topicIndex]!;
    const [employer, town, county] = pick(COUNCILS);
    const role = pick(topic.roles);
    const slug = `${slugOf(role)}-${slugOf(town)}-${i + 1}`;
    jobSlugs.push(slug);
    jobTopics.push(topicIndex);
    const min = int(24, 70) * 1000 + int(0, 999);
    const closed = i % 25 === 0;
    const postedAt = base - int(1, 60) * day - (closed ? 60 * day : 0);
    const posted = new Date(postedAt).toISOString().slice(0, 10);
    const closes = new Date(closed ? postedAt + int(14, 50) * day : base + int(14, 400) * day).toISOString().slice(0, 10);
    const body = paragraphs(int(3, 6), () => sentence(topic, town, employer), int(2, 4)).join('\n\n');
    yield [
      `jobs/${slug}.md`,
      frontMatter({
        title: role,
        employer,
        location: `${town}, ${county}`,
        salary: `£${money(min)} - £${money(min + int(3, 12) * 1000)} per annum`,
        salary_min: min,
        hours: rand() < 0.8 ? 'Full time' : 'Part time, 22.5 hours',
        contract: rand() < 0.7 ? 'Permanent' : 'Fixed term',
        posted,
        closes,
        apply_url: `https://jobs.${slugOf(employer)}.example.gov.uk/${slug}`,
        tags: [topic.tag],
      }) + body + '\n',
    ];
  }

  const spacing = (15 * 365 * day) / Math.max(1, options.articles);
  for (let i = 0; i < options.articles; i++) {
    const topic = pick(TOPICS);
    const second = pick(TOPICS);
    const [council, town, region] = pick(COUNCILS);
    const when = new Date(base - Math.floor(i * spacing) - int(0, 3600) * 1000 + (i % 500 === 7 ? int(2, 40) * day : 0));
    const title = `${council} ${pick(['faces', 'confirms', 'defends', 'plans', 'reviews', 'warns over'])} ${pick(topic.words)} ${pick(['pressures', 'shake-up', 'overspend', 'changes', 'crisis', 'plans'])}`;
    const slug = `${slugOf(title).slice(0, 80).replace(/-+$/, '')}-${i + 1}`;
    const year = when.toISOString().slice(0, 4);
    const tags = [...new Set([topic.tag, second.tag, council])];
    const pinned = jobSlugs.length && rand() < 0.1 ? [jobSlugs[int(0, jobSlugs.length - 1)]!] : [];
    const sections = int(5, 8);
    const body: string[] = [];
    for (let s = 0; s < sections; s++) {
      if (s > 0) body.push(`## ${capitalise(pick(topic.words))} ${pick(['under pressure', 'in numbers', 'and the budget', 'next steps', 'what changes'])}`);
      body.push(...paragraphs(int(4, 6), () => sentence(s % 2 ? second : topic, town, council), int(3, 5)));
      if (rand() < 0.3) body.push(`> ‘${capitalise(sentence(topic, town, council))}’`);
      if (rand() < 0.15) body.push(listOf(topic, int(3, 5), pick));
    }
    const fields: Record<string, unknown> = {
      title,
      date: when.toISOString().slice(0, 16),
      author: rand() < 0.9 ? pick(PEOPLE) : undefined,
      summary: rand() < 0.7 ? `${council} ${pick(VERBS)} ${pick(topic.words)} in ${town} would face ${pick(['further cuts', 'a review', 'new scrutiny', 'extra funding'])} this year.` : undefined,
      tags,
      places: [town, region],
      jobs: pinned.length ? pinned : undefined,
      draft: i % 997 === 13 ? true : undefined,
    };
    yield [`articles/${year}/${slug}.md`, frontMatter(fields) + body.join('\n\n') + '\n'];
  }

  function sentence(topic: (typeof TOPICS)[number], town: string, council: string): string {
    const n = int(2, 95);
    switch (int(0, 5)) {
      case 0:
        return `${pick(OPENERS)} have ${pick(['raised concerns about', 'called for action on', 'set out plans for', 'been warned about'])} ${pick(topic.words)}, with ${n}% of authorities reporting ${pick(['rising demand', 'a shortfall', 'longer waits', 'higher costs'])}.`;
      case 1:
        return `‘We cannot keep asking ${town} residents to pay more for less,’ ${pick(SPEAKERS)} ${pick(VERBS)}.`;
      case 2:
        return `${council} expects to spend £${int(2, 240)}.${int(0, 9)}m on ${pick(topic.words)} in ${int(2019, 2027)}/${int(20, 28)}, up from £${int(1, 120)}m two years earlier.`;
      case 3:
        return `A report to the ${pick(['cabinet', 'scrutiny committee', 'full council', 'audit committee'])} said ${pick(topic.words)} had ${pick(['improved', 'deteriorated', 'stabilised', 'come under strain'])} since the last review, although ${pick(topic.words)} remained a concern.`;
      case 4:
        return `The [latest figures](https://www.gov.uk/government/statistics/${slugOf(topic.tag)}-${int(2015, 2026)}) show **${int(100, 9000)}** cases in ${town} alone, ${pick(['well above', 'close to', 'below'])} the national average.`;
      default:
        return `Officers will bring a revised plan for ${pick(topic.words)} to members in ${pick(['January', 'March', 'June', 'September', 'the autumn', 'the new year'])}.`;
    }
  }
}

function paragraphs(count: number, sentence: () => string, perParagraph: number): string[] {
  return Array.from({ length: count }, () => Array.from({ length: perParagraph }, sentence).join(' '));
}

function listOf(topic: (typeof TOPICS)[number], count: number, pick: <T>(list: readonly T[]) => T): string {
  return Array.from({ length: count }, () => `- ${capitalise(pick(topic.words))}: ${pick(['under review', 'protected', 'cut by 10%', 'moved to a trust', 'out to consultation'])}`).join('\n');
}

function frontMatter(fields: Record<string, unknown>): string {
  const lines = ['---'];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) lines.push(`${key}: [${value.map((v) => yamlText(String(v))).join(', ')}]`);
    else lines.push(`${key}: ${typeof value === 'string' ? yamlText(value) : String(value)}`);
  }
  return `${lines.join('\n')}\n---\n`;
}

/** A YAML scalar: quoted when plain style would be misread. */
function yamlText(value: string): string {
  return /^[\w£‘’][^:#,[\]{}"]*$/.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

function slugOf(text: string): string {
  return text.toLowerCase().replace(/[’']/g, '').replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function money(n: number): string {
  return n.toLocaleString('en-GB');
}

const SITE_YAML = `name: Bench Bulletin
url: http://localhost:3000
description: Generated news and jobs for benchmarking.
language: en-GB
timezone: Europe/London
perPage: 20
`;

const AUTHOR = (name: string) => `---\nname: ${name}\nrole: Reporter\n---\n${name} writes about councils and the people who work in them.\n`;

/** Writes the corpus (or reuses an identical one) and returns its folder. */
export async function writeCorpus(options: CorpusOptions): Promise<string> {
  const dir = path.resolve(options.out ?? path.join(os.tmpdir(), `newsroom-corpus-a${options.articles}-j${options.jobs}-s${options.seed}-${options.base}`));
  const marker = path.join(dir, '.corpus.json');
  const signature = JSON.stringify({ ...options, out: undefined, generator: 2 });
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === signature) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'authors'), { recursive: true });
  await writeFile(path.join(dir, 'site.yaml'), SITE_YAML);
  await Promise.all(PEOPLE.map((name) => writeFile(path.join(dir, 'authors', `${slugOf(name)}.md`), AUTHOR(name))));
  const made = new Set<string>();
  let batch: Promise<void>[] = [];
  for (const [relative, text] of corpusFiles(options)) {
    const folder = path.dirname(relative);
    if (!made.has(folder)) {
      made.add(folder);
      await mkdir(path.join(dir, folder), { recursive: true });
    }
    batch.push(writeFile(path.join(dir, relative), text));
    if (batch.length >= 256) {
      await Promise.all(batch);
      batch = [];
    }
  }
  await Promise.all(batch);
  await writeFile(marker, signature);
  return dir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      jobs: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      base: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      out: { type: 'string' },
    },
  });
  const options: CorpusOptions = { articles: Number(values.articles), jobs: Number(values.jobs), seed: Number(values.seed), base: values.base!, ...(values.out ? { out: values.out } : {}) };
  if (![options.articles, options.jobs, options.seed].every((n) => Number.isInteger(n) && n >= 0) || !/^\d{4}-\d{2}-\d{2}$/.test(options.base)) {
    throw new Error('usage: bench-corpus --articles N --jobs M [--seed S] [--base YYYY-MM-DD] [--out DIR]');
  }
  const started = performance.now();
  const dir = await writeCorpus(options);
  console.log(`${options.articles} articles and ${options.jobs} jobs in ${dir} (${Math.round(performance.now() - started)} ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
