/**
 * Load test (issue 8): the real server (src/server.ts) on a temporary copy of
 * the sample content, on loopback only, hammered by autocannon with a mix of
 * article, listing, search, jobs, feed and 404 requests at 100 connections,
 * while an article file is rewritten every 5 seconds so content reloads under
 * load. Passes with zero errors, zero 5xx and no unexpected status; reports
 * p50/p99 latency, throughput, the reloads seen in /healthz, and RSS at
 * start, after warm-up and at the end (memory should stay flat).
 *
 *   npm run load                      # 60 seconds
 *   npm run load -- --duration 15     # shorter
 *
 * Options: --duration S (60), --connections N (100), --reload-every S (5).
 * Exit code 1 when any error, 5xx or unexpected status was seen.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadContent } from '../src/content/load.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '100' },
    'reload-every': { type: 'string', default: '5' },
  },
});
const DURATION = Math.max(5, Math.min(600, Number(args.duration)));
const CONNECTIONS = Math.max(1, Math.min(1000, Number(args.connections)));
const RELOAD_EVERY = Math.max(1, Number(args['reload-every']));
const WARMUP = Math.min(10, Math.round(DURATION / 6));

type Kind = 'article' | 'listing' | 'search' | 'jobs' | 'feed' | '4xx';
interface Target {
  kind: Kind;
  path: string;
  expect: number[];
}

const work = await mkdtemp(path.join(os.tmpdir(), 'newsroom-load-'));
const contentDir = path.join(work, 'content');
await cp(path.join(ROOT, 'content'), contentDir, { recursive: true });
const targets = await buildTargets(contentDir);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: ROOT,
  // The server's own settings (PAGE_CACHE_MB, WEB_CONCURRENCY, …) pass through from the environment.
  env: { ...process.env, PORT: String(port), CONTENT_DIR: contentDir, DATA_DIR: path.join(work, 'data'), NODE_ENV: 'production', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const serverExited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

try {
  await waitForHealth();
  const rss = { start: await rssMb(server.pid!), warm: 0, end: 0, peak: 0, timeline: [] as number[] };
  const versions = new Set<string>([await contentVersion()]);
  let rewrites = 0;
  const article = targets.find((t) => t.kind === 'article')!;
  const articleFile = await findArticleFile(contentDir, article.path.split('/').pop()!);
  const original = await readFile(articleFile, 'utf8');

  const started = Date.now();
  const reloader = setInterval(() => {
    rewrites++;
    void writeFile(articleFile, `${original}\nUpdated during the load test, rewrite ${rewrites}.\n`);
    // The watcher reloads after a short quiet time; look for the new version a second later.
    setTimeout(() => void contentVersion().then((v) => versions.add(v), () => undefined), 1000);
  }, RELOAD_EVERY * 1000);
  let tick = 0;
  const sampler = setInterval(() => {
    const sample = ++tick % 10 === 0;
    void rssMb(server.pid!).then((mb) => {
      rss.peak = Math.max(rss.peak, mb);
      if (sample) rss.timeline.push(mb);
      if (!rss.warm && Date.now() - started >= WARMUP * 1000) rss.warm = mb;
    });
  }, 1000);

  const counts = new Map<string, number>();
  const unexpected = new Map<string, number>();
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: targets.map((target) => ({
      method: 'GET' as const,
      path: target.path,
      onResponse: (status: number) => {
        const key = `${target.kind} ${status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (!target.expect.includes(status)) unexpected.set(`${status} ${target.path}`, (unexpected.get(`${status} ${target.path}`) ?? 0) + 1);
      },
    })),
  });
  clearInterval(reloader);
  clearInterval(sampler);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  versions.add(await contentVersion());
  rss.end = await rssMb(server.pid!);

  const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [Number(code), stat?.count ?? 0] as const);
  const fiveXx = statuses.filter(([code]) => code >= 500).reduce((sum, [, n]) => sum + n, 0);
  const unexpectedTotal = [...unexpected.values()].reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ['duration / connections', `${DURATION} s / ${CONNECTIONS}`],
    ['requests', `${result.requests.total} (${Math.round(result.requests.average)} req/s)`],
    ['latency p50 / p99 / max', `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`],
    ['errors / timeouts', `${result.errors} / ${result.timeouts}`],
    ['5xx', String(fiveXx)],
    ['unexpected statuses', String(unexpectedTotal)],
    ['status codes', statuses.map(([code, n]) => `${code}: ${n}`).join(', ')],
    ['content rewrites / versions seen', `${rewrites} / ${versions.size} (reloads observed: ${versions.size - 1})`],
    ['RSS start / after warm-up / end / peak', `${rss.start} / ${rss.warm || '–'} / ${rss.end} / ${rss.peak} MB`],
    ['RSS every 10 s', `${rss.timeline.join(', ')} MB`],
  ];
  console.log(`\nLoad test: ${base}, ${targets.length} paths in the mix\n`);
  console.log(table(['measure', 'value'], rows));
  console.log(`\n${table(['kind and status', 'responses'], [...counts].sort().map(([key, n]) => [key, String(n)]))}`);
  if (unexpected.size) console.log(`\nUnexpected:\n${table(['status and path', 'count'], [...unexpected].slice(0, 20).map(([k, n]) => [k, String(n)]))}`);
  const ok = result.errors === 0 && result.timeouts === 0 && fiveXx === 0 && unexpectedTotal === 0;
  console.log(`\n${ok ? 'PASS' : 'FAIL'}: ${ok ? 'no errors, no 5xx, every status as expected' : 'see above'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  const code = await Promise.race([serverExited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
  if (code !== 0) {
    console.log(`server did not shut down cleanly (${String(code)})`);
    server.kill('SIGKILL');
    process.exitCode = 1;
  }
  await rm(work, { recursive: true, force: true });
}

/** The request mix, weighted: articles most, then listings, jobs, search, 4xx (unknown pages, a traversal) and feeds. */
async function buildTargets(dir: string): Promise<Target[]> {
  const snapshot = await loadContent(dir);
  const now = new Date();
  const articles = snapshot.articles.filter((a) => !a.draft && a.date <= now).slice(0, 40);
  const jobs = snapshot.jobs.filter((j) => !j.closes || j.closes > now).slice(0, 15);
  const tags = [...new Set(articles.flatMap((a) => a.tags.map((t) => t.slug)))].slice(0, 10);
  const authors = [...new Set(articles.flatMap((a) => a.authors.map((t) => t.slug)))].slice(0, 5);
  const words = ['council', 'children', 'social care', 'budget', 'housing', 'ofsted', 'nurse', 'planning'];
  const ok = [200];
  const list: Target[] = [
    ...articles.map((a) => ({ kind: 'article' as const, path: `/news/${a.slug}`, expect: ok })),
    ...articles.slice(0, 5).map((a) => ({ kind: 'article' as const, path: `/news/${a.slug}`, expect: ok })),
    { kind: 'listing', path: '/', expect: ok },
    { kind: 'listing', path: '/', expect: ok },
    { kind: 'listing', path: '/page/2', expect: [200, 404] },
    ...tags.map((slug) => ({ kind: 'listing' as const, path: `/tags/${slug}`, expect: ok })),
    ...authors.map((slug) => ({ kind: 'listing' as const, path: `/authors/${slug}`, expect: ok })),
    ...words.map((q) => ({ kind: 'search' as const, path: `/search?q=${encodeURIComponent(q)}`, expect: ok })),
    { kind: 'jobs', path: '/jobs', expect: ok },
    { kind: 'jobs', path: '/jobs?q=social+worker', expect: ok },
    ...jobs.map((j) => ({ kind: 'jobs' as const, path: `/jobs/${j.slug}`, expect: [200, 410] })),
    { kind: 'feed', path: '/feed.xml', expect: ok },
    { kind: 'feed', path: '/atom.xml', expect: ok },
    { kind: 'feed', path: '/sitemap.xml', expect: ok },
    { kind: '4xx', path: '/news/no-such-story', expect: [404] },
    { kind: '4xx', path: '/jobs/no-such-job', expect: [404] },
    { kind: '4xx', path: '/tags/no-such-tag', expect: [404] },
    { kind: '4xx', path: '/wp-login.php', expect: [404] },
    { kind: '4xx', path: '/news/..%2f..%2fetc%2fpasswd', expect: [404] },
    { kind: '4xx', path: '/news/%c0%ae%c0%ae', expect: [400] },
    { kind: '4xx', path: '/no/such/page', expect: [404] },
  ];
  // A fixed shuffle, so each connection walks the mix in a different-looking but repeatable order.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

async function findArticleFile(dir: string, slug: string): Promise<string> {
  const snapshot = await loadContent(dir);
  const article = snapshot.articles.find((a) => a.slug === slug)!;
  return path.isAbsolute(article.file) ? article.file : path.resolve(article.file);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start within 30 seconds');
}

async function contentVersion(): Promise<string> {
  const health = (await (await fetch(`${base}/healthz`)).json()) as { version: string };
  return health.version;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function table(header: [string, string], rows: [string, string][]): string {
  const width = Math.max(header[0].length, ...rows.map(([a]) => a.length));
  const line = (a: string, b: string) => `| ${a.padEnd(width)} | ${b} |`;
  return [line(...header), `| ${'-'.repeat(width)} | --- |`, ...rows.map(([a, b]) => line(a, b))].join('\n');
}
