/**
 * Search benchmark: builds 10,000 generated articles in memory (the corpus of
 * scripts/bench-corpus.ts, parsed by the real parser), then reports how long
 * the article index takes to build (wall and CPU; with the body cap and with
 * whole bodies), what the background build does to start-up (the real app's
 * first /healthz answer, and its worst /healthz latency while the index
 * builds), and how long searches take, median and p95, over a set of
 * realistic queries (council names, topics, people, phrases, prefixes, typos,
 * accents, no-match), ranking and snippets included.
 *
 *   npm run bench:search [-- --articles 10000 --rounds 20]
 *
 * With `--corpus DIR` it measures the index's memory instead: it loads a
 * content folder (e.g. one written by `npm run bench:corpus`), then reports
 * the heap and external memory the index adds (after a full garbage
 * collection, before and after building it), its own estimate of its bytes,
 * and its build time, blocking and in the background.
 *
 * Both report a reload's index after 1 and 100 articles are edited: built
 * whole (what every reload did) against made from the last index
 * (ArticleIndex.update: only the edited articles counted), with the search
 * time on each.
 *
 *   npm run bench:search -- --corpus /tmp/corpus100k
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { loadContent } from '../src/content/load.js';
import { parseContentFile, type ContentRecord } from '../src/content/parse.js';
import { SiteView } from '../src/content/site-view.js';
import { DEFAULT_SITE } from '../src/content/site.js';
import { buildSnapshot, type ContentSnapshot } from '../src/content/snapshot.js';
import { ContentStore } from '../src/content/store.js';
import { ArticleIndex, MAX_BODY_WORDS } from '../src/search/article-index.js';
import { createArticleSearch } from '../src/search/article-search.js';
import { filterJobs, NO_JOB_FILTERS, type JobFilters } from '../src/search/job-filters.js';
import { searchResultItems } from '../src/search/results.js';
import { corpusFiles } from './bench-corpus.js';

const QUERIES = [
  'Sandwell', 'Birmingham City Council', 'children’s services', 'Ofsted inspection', 'inspections', 'council tax rises',
  'temporary accommodation', 'social care', 'adult social care budget', 'Laura Sharman', 'potholes', 'devolution deals',
  'section 114', 'SEND tribunals', 'housing', 'recycling rates', 'Kent', 'West Midlands', 'counc', 'plann',
  'Nottinghamshre', 'recyclng', 'café', 'mayoral elections Liverpool', 'agency staff vacancy rates', 'xylophone', '2024', 'the',
];

const JOB_FILTERS: Partial<JobFilters>[] = [
  { q: 'social worker' }, { location: 'Essex' }, { salaryMin: 40000 }, { hours: 'Part time' }, { contract: 'Fixed term' },
  { q: 'officer', location: 'London', salaryMin: 30000, hours: 'Full time', contract: 'Permanent' },
];

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, jobs: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '20' }, corpus: { type: 'string' } },
});
if (values.corpus) {
  await measureMemory(values.corpus);
  process.exit(0);
}
const articleCount = Number(values.articles);
const rounds = Number(values.rounds);
const base = '2026-06-30';
const now = new Date(`${base}T12:00:00Z`);

const generated = performance.now();
const records: ContentRecord[] = [];
for (const [file, text] of corpusFiles({ articles: articleCount, jobs: Number(values.jobs), seed: 1, base })) {
  const record = parseContentFile(file.startsWith('jobs/') ? 'job' : 'article', file, text, DEFAULT_SITE).record;
  if (record) records.push(record);
}
const snapshot = buildSnapshot({ site: DEFAULT_SITE, records, problems: [], fingerprints: [String(articleCount)], loadedAt: now });
const view = new SiteView(snapshot, now, { preview: false });
const words = snapshot.articles.reduce((sum, article) => sum + article.text.split(' ').length, 0);
console.log(`corpus: ${snapshot.articles.length} articles (${view.articles.length} published, ${Math.round(words / snapshot.articles.length)} words each on average), ${view.currentJobs.length} current jobs; made in ${ms(performance.now() - generated)}`);

// Start-up first, while nothing is warm: the real app on a fresh snapshot of the same records (its own index to build),
// then again on that snapshot with its index already built (the baseline: what start-up costs without the index).
const fresh = buildSnapshot({ site: DEFAULT_SITE, records, problems: [], fingerprints: ['startup'], loadedAt: now });
const startup = await measureStartup(fresh);
const baseline = await measureStartup(fresh);

// Index build: in one go (what the first search would wait for), then in the background (what start-up and reloads do).
const builds = [1, 2, 3].map(() => timed(() => ArticleIndex.build(snapshot.articles)));
const whole = timed(() => ArticleIndex.build(snapshot.articles, { maxBodyWords: Infinity }));
const background = performance.now();
await ArticleIndex.buildInBackground(snapshot.articles);
const backgroundMs = performance.now() - background;

const search = createArticleSearch();
await search.warm(snapshot);
const searchCpuStart = process.cpuUsage();
const perQuery: { query: string; hits: number; median: number; p95: number }[] = [];
const all: number[] = [];
for (const query of QUERIES) {
  const times: number[] = [];
  let hits = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const result = await search.search(view, query);
    const page = view.paginate(result.hits, 1);
    if (page) searchResultItems(page.items);
    times.push(performance.now() - started);
    hits = result.hits.length;
  }
  perQuery.push({ query, hits, median: percentile(times, 50), p95: percentile(times, 95) });
  all.push(...times);
}

const searchCpuMs = process.cpuUsage(searchCpuStart).user / 1000;
const updates = await measureUpdates(snapshot);
const jobTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const filters of JOB_FILTERS) jobTimes.push(timed(() => filterJobs(view.currentJobs, { ...NO_JOB_FILTERS, ...filters })).ms);
}

console.log(`\nindex build (bodies: first ${MAX_BODY_WORDS} words)`);
console.table({
  'build (blocking), best of 3': { wall: ms(Math.min(...builds.map((b) => b.ms))), cpu: ms(Math.min(...builds.map((b) => b.cpuMs))) },
  'build (blocking), worst of 3': { wall: ms(Math.max(...builds.map((b) => b.ms))), cpu: ms(Math.max(...builds.map((b) => b.cpuMs))) },
  'build (blocking), whole bodies': { wall: ms(whole.ms), cpu: ms(whole.cpuMs) },
  'build (background, chunked)': { wall: ms(backgroundMs), cpu: '' },
});
console.log('\nstart-up: the real app (createApp → …), index building in the background vs already built');
console.table({
  'first /healthz 200': { building: ms(startup.firstHealthy), built: ms(baseline.firstHealthy) },
  'first search answered': { building: ms(startup.indexReady), built: ms(baseline.indexReady) },
  '/healthz latency until then, median': { building: ms(startup.medianHealthz), built: ms(baseline.medianHealthz) },
  '/healthz latency until then, worst': { building: ms(startup.worstHealthz), built: ms(baseline.worstHealthz) },
});
console.log(`\nsearch latency per query (${rounds} rounds each, page 1 with snippets)`);
console.table(perQuery.map((row) => ({ query: row.query, hits: row.hits, median: ms(row.median), p95: ms(row.p95) })));
console.log(`\nsummary (mean CPU time per search: ${ms(searchCpuMs / all.length)}; on a busy machine wall time runs higher)`);
console.table({
  'article search, all queries': { median: ms(percentile(all, 50)), p95: ms(percentile(all, 95)), max: ms(Math.max(...all)) },
  'job filters': { median: ms(percentile(jobTimes, 50)), p95: ms(percentile(jobTimes, 95)), max: ms(Math.max(...jobTimes)) },
});
printUpdates(updates);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const buildWall = Math.min(...builds.map((b) => b.ms));
const buildCpu = Math.min(...builds.map((b) => b.cpuMs));
console.log(
  `\ntargets: index build < 2 s ${verdict(buildWall < 2000)} in wall time (${ms(buildWall)}), ${verdict(buildCpu < 2000)} in CPU time (${ms(buildCpu)}); ` +
    `median search < 20 ms ${verdict(percentile(all, 50) < 20)} (${ms(percentile(all, 50))}); ` +
    `start-up (first /healthz 200) grows ${ms(startup.firstHealthy - baseline.firstHealthy)} while the index builds`,
);

/**
 * Starts the real app on `fresh` (on a snapshot not yet indexed, it builds the
 * index in the background, as server start-up does), polls /healthz every 10 ms until the
 * first search has answered, and reports when /healthz first answered, when
 * the index was ready, and how long /healthz took while the index was building.
 */
async function measureStartup(fresh: ContentSnapshot): Promise<{ firstHealthy: number; indexReady: number; worstHealthz: number; medianHealthz: number }> {
  const started = performance.now();
  const app = createApp({ config: readConfig({ CONTENT_DIR: os.tmpdir() }), store: new ContentStore(fresh, { preview: false }), now: () => now });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let firstHealthy = -1;
  const latencies: number[] = [];
  let ready = false;
  const searched = fetch(`${base}/search?q=council`).then(async (response) => {
    await response.text();
    ready = true;
    return performance.now() - started;
  });
  while (!ready) {
    const asked = performance.now();
    const response = await fetch(`${base}/healthz`);
    await response.text();
    if (response.status === 200) {
      latencies.push(performance.now() - asked);
      if (firstHealthy < 0) firstHealthy = performance.now() - started;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const indexReady = await searched;
  server.close();
  return { firstHealthy, indexReady, worstHealthz: Math.max(...latencies), medianHealthz: percentile(latencies, 50) };
}

/**
 * Memory the index of `dir`'s articles holds: heap used + external (typed
 * arrays) after a full collection, before and after building it in the
 * background (as the server does) and answering a search, the index dropped, then built again
 * blocking. Also the process's RSS, and the build times.
 */
async function measureMemory(dir: string): Promise<void> {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const settled = () => {
    gc();
    gc();
    const usage = process.memoryUsage();
    return { used: usage.heapUsed + usage.external, heap: usage.heapUsed, external: usage.external, rss: usage.rss };
  };
  const loading = performance.now();
  const snapshot = await loadContent(dir);
  console.log(`corpus ${dir}: ${snapshot.articles.length} articles, loaded in ${ms(performance.now() - loading)}`);
  const before = settled();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let index: ArticleIndex | undefined = await ArticleIndex.buildInBackground(snapshot.articles);
  const backgroundMs = performance.now() - started;
  const backgroundCpuMs = process.cpuUsage(cpu).user / 1000;
  // A search first: its working memory (a few arrays, one slot per article) is part of what the index holds.
  index.search('council', 'all', true);
  const after = settled();
  const estimate = 'bytes' in index ? (index as { bytes: number }).bytes : undefined;
  index = undefined;
  settled();
  const blocking = timed(() => ArticleIndex.build(snapshot.articles));
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
  console.table({
    'index: heap + external added': { value: mb(after.used - before.used) },
    '  of which heap': { value: mb(after.heap - before.heap) },
    '  of which external (typed arrays)': { value: mb(after.external - before.external) },
    "index's own estimate of its bytes": { value: estimate === undefined ? 'n/a' : mb(estimate) },
    'process RSS before / after': { value: `${mb(before.rss)} / ${mb(after.rss)}` },
    'build in the background: wall / CPU': { value: `${ms(backgroundMs)} / ${ms(backgroundCpuMs)}` },
    'build blocking: wall / CPU': { value: `${ms(blocking.ms)} / ${ms(blocking.cpuMs)}` },
  });
  printUpdates(await measureUpdates(snapshot));
}

interface UpdateFigures {
  edited: number;
  rebuild: { ms: number; cpuMs: number };
  update: { ms: number; cpuMs: number; counted: number; segments: number };
  updateBlocking: { ms: number; cpuMs: number };
  search: { rebuilt: number; updated: number };
}

/**
 * A reload's index after editing 1 and 100 articles (new records, as the
 * loader makes for changed files): built whole in the background, as every
 * reload did, against made from the last index (ArticleIndex.update), in the
 * background and blocking; then the median time of the benchmark's queries
 * (all words, then with typos; the index alone, no ranking) on each, in turns.
 */
async function measureUpdates(snapshot: ContentSnapshot): Promise<UpdateFigures[]> {
  const previous = await ArticleIndex.buildInBackground(snapshot.articles);
  const figures: UpdateFigures[] = [];
  for (const edited of [1, 100]) {
    const step = Math.floor(snapshot.articles.length / edited);
    const replaced = new Map(
      Array.from({ length: edited }, (_, k) => {
        const article = snapshot.articles[k * step]!;
        const added = ' Revised: the council confirmed the figures on Tuesday.';
        return [article, { ...article, body: article.body + added, text: article.text + added }];
      }),
    );
    const records = snapshot.articles.map((article) => replaced.get(article) ?? article);
    const next = buildSnapshot({ site: snapshot.site, records, problems: [], fingerprints: [`edited ${edited}`], loadedAt: snapshot.loadedAt, previous: snapshot });
    const rebuild = await timedAsync(() => ArticleIndex.buildInBackground(next.articles));
    const update = await timedAsync(() => ArticleIndex.updateInBackground(previous, next.articles));
    const updateBlocking = timed(() => ArticleIndex.update(previous, next.articles));
    // Search time on each, in alternating rounds (the machine's load falls on both alike); the first round warms up.
    const times = { rebuilt: [] as number[], updated: [] as number[] };
    for (let round = 0; round < 4; round++) {
      for (const [which, index] of [['rebuilt', rebuild.value], ['updated', update.value]] as const) {
        const taken = QUERIES.flatMap((query) => [false, true].map((typos) => timed(() => index.search(query, 'all', typos)).ms));
        if (round) times[which].push(...taken);
      }
    }
    figures.push({
      edited,
      rebuild,
      update: { ...update, counted: update.value.counted, segments: update.value.segments.length },
      updateBlocking,
      search: { rebuilt: percentile(times.rebuilt, 50), updated: percentile(times.updated, 50) },
    });
  }
  return figures;
}

function printUpdates(figures: UpdateFigures[]): void {
  console.log('\nindex for a reload after editing articles: built whole (as before) vs made from the last index');
  console.table(
    Object.fromEntries(
      figures.flatMap((f) => [
        [`${f.edited} edited: built whole, background`, { wall: ms(f.rebuild.ms), cpu: ms(f.rebuild.cpuMs), counted: 'all', 'search median': ms(f.search.rebuilt) }],
        [`${f.edited} edited: update, background`, { wall: ms(f.update.ms), cpu: ms(f.update.cpuMs), counted: `${f.update.counted} (${f.update.segments} segments)`, 'search median': ms(f.search.updated) }],
        [`${f.edited} edited: update, blocking`, { wall: ms(f.updateBlocking.ms), cpu: ms(f.updateBlocking.cpuMs), counted: '', 'search median': '' }],
      ]),
    ),
  );
}

/** `timed` for work that awaits (CPU time includes whatever else the process ran meanwhile: nothing, here). */
async function timedAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started, cpuMs: process.cpuUsage(cpu).user / 1000 };
}

/** Wall time and this process's CPU time (user): on a shared machine the CPU time is the steadier figure. */
function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started, cpuMs: process.cpuUsage(cpu).user / 1000 };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}
