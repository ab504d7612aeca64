/**
 * npm run bench:relevance: how long the jobs sidebar takes with many jobs.
 *
 * Makes N synthetic current jobs (default 5,000) from realistic titles,
 * employers and places, then times building the index (median of a few
 * builds) and ranking one article's sidebar (median over every article of
 * the evaluation set, repeated). Targets: build < 1 s, sidebar < 1 ms.
 * Usage: npm run bench:relevance [-- --jobs 5000]
 */
import { performance } from 'node:perf_hooks';
import type { Job } from '../src/content/types.js';
import { rankRelatedJobs, relevanceEngine } from '../src/related-jobs.js';
import { loadEvaluation } from './eval-relevance.js';

const count = Number(process.argv[process.argv.indexOf('--jobs') + 1]) || 5000;
const { view } = await loadEvaluation();
const now = new Date('2026-03-16T12:00:00Z');

function syntheticJobs(n: number): Job[] {
  const templates = view.snapshot.jobs;
  const places = ['Oldbury, Sandwell', 'Chelmsford, Essex', 'Leeds', 'Truro, Cornwall', 'Kendal', 'Birmingham', 'Maidstone, Kent', 'Norwich', 'Hackney, London', 'Remote'];
  return Array.from({ length: n }, (_, i) => {
    const template = templates[i % templates.length]!;
    return {
      ...template,
      slug: `${template.slug}-${i}`,
      employer: `${template.employer.split(' ')[0]} ${['Council', 'Trust', 'Partnership', 'Borough Council'][i % 4]} ${i % 97}`,
      location: places[i % places.length]!,
      text: `${template.text} Reference ${i}. ${['Hybrid working available.', 'Part time considered.', 'Secondments welcome.'][i % 3]}`,
      posted: new Date(now.getTime() - (i % 40) * 86_400_000),
      closes: new Date(now.getTime() + ((i % 30) + 1) * 86_400_000),
    };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Wall-clock and CPU milliseconds of `work` (CPU time is steadier on a busy, shared machine). */
function time(work: () => void): [number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const used = process.cpuUsage(cpu);
  return [performance.now() - start, (used.user + used.system) / 1000];
}

const builds: number[] = [];
const buildCpu: number[] = [];
let jobs: Job[] = [];
for (let run = 0; run < 5; run++) {
  jobs = syntheticJobs(count); // a new array each time: the engine is cached per array
  const [wall, cpu] = time(() => relevanceEngine(jobs));
  builds.push(wall);
  buildCpu.push(cpu);
}

const sidebars: number[] = [];
const sidebarCpu: number[] = [];
const articles = view.articles;
// Five warm-up rounds (a server ranks with a warm JIT), then twenty measured ones.
for (let round = 0; round < 25; round++) {
  for (const article of articles) {
    const [wall, cpu] = time(() => rankRelatedJobs(article, jobs, 5, { now }));
    if (round >= 5) {
      sidebars.push(wall);
      sidebarCpu.push(cpu);
    }
  }
}

const rows = [
  ['index build', median(builds), Math.max(...builds), median(buildCpu), 1000],
  ['one sidebar', median(sidebars), percentile(sidebars, 0.95), median(sidebarCpu), 1],
] as const;
console.log(`${count} current jobs, ${articles.length} articles × 20 rounds, Node ${process.version}, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
console.log(`${'measure (ms)'.padEnd(14)}${'median'.padStart(10)}${'p95/max'.padStart(10)}${'cpu med'.padStart(10)}${'target'.padStart(9)}${'ok'.padStart(5)}`);
for (const [name, mid, high, cpu, target] of rows) {
  console.log(`${name.padEnd(14)}${mid.toFixed(3).padStart(10)}${high.toFixed(3).padStart(10)}${cpu.toFixed(3).padStart(10)}${String(target).padStart(9)}${(mid < target ? 'yes' : 'NO').padStart(5)}`);
}
