/**
 * The site's benchmark (issue 10). Builds the site, generates corpora with
 * bench-corpus.ts, starts the REAL server (`node dist/server.js`) as a child
 * process per corpus and measures, with autocannon on loopback:
 *
 * - start-up to the first `/healthz` 200, and RSS, at 1k, 10k and 100k articles (+2k jobs);
 * - req/s and p50/p99 latency for an article, the home page, a tag page, a job page,
 *   /feed.xml and /sitemap.xml at 10k articles;
 * - the same article bytes from a minimal Express app (default settings) and from
 *   nginx as a static file, in the same run: the ceilings, and our ratio to them;
 * - the article through deploy/nginx.conf (proxy_cache in front of the site);
 * - article req/s at 1k vs 100k articles (cost must not grow with the archive);
 * - RSS during and after a minute of mixed load (it should stay flat).
 *
 *   npm run bench              # about 7 minutes; writes the figures into README.md
 *   npm run bench -- --quick   # about a minute: short runs, no 100k corpus, README untouched
 *
 * Options: --quick, --no-readme, --connections N (32), --duration S (10).
 * No test depends on these figures; targets are reported, not asserted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { writeCorpus } from './bench-corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-readme': { type: 'boolean', default: false },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string' },
  },
});
const QUICK = args.quick!;
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration ?? (QUICK ? 3 : 10));
const WARMUP = QUICK ? 1 : 2;
const MIXED_SECONDS = QUICK ? 10 : 60;
const JOBS = 2000;
const SIZES = QUICK ? [1000, 10_000] : [1000, 10_000, 100_000];
const BASE_DATE = new Date().toISOString().slice(0, 10);
const work = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-'));

interface Load {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  errors: number;
}
interface Startup {
  articles: number;
  /** 'first start': an empty DATA_DIR, every file parsed; 'restart': the load cache of the first start in place. */
  kind: 'first start' | 'restart';
  readyMs: number;
  /** Until the process is idle (under 5% of a core for two seconds running): background work after start-up is done. */
  settledMs: number;
  rssMb: number;
  settledRssMb: number;
  loadMs?: number;
}

const loads: Load[] = [];
const startups: Startup[] = [];
const notes: string[] = [];
const children = new Set<ChildProcess>();

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
  });
}

function rssMb(pid: number): number {
  try {
    const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

function start(command: string, commandArgs: string[], env: NodeJS.ProcessEnv, logFile?: string): ChildProcess {
  const child = spawn(command, commandArgs, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString('utf8'));
    if (lines.length > 200) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  (child as ChildProcess & { output: () => string }).output = () => lines.join('');
  if (logFile) child.on('exit', () => void writeFile(logFile, lines.join('')));
  return child;
}

function output(child: ChildProcess): string {
  return (child as ChildProcess & { output?: () => string }).output?.() ?? '';
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
async function waitReady(url: string, child: ChildProcess, since: number, timeoutMs = 120_000): Promise<number> {
  while (performance.now() - since < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before it was ready:\n${output(child).slice(-2000)}`);
    try {
      if ((await get(url)).status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

/** CPU seconds (user + system) the process has used, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Waits until the server has finished its background work after start-up
 * (search index, load cache, the watcher's first scan): `url` answers and the
 * process used under 5% of a core over the last second, twice running.
 * Returns the milliseconds since `since`.
 */
async function waitSettled(url: string, pid: number, since: number, timeoutMs = 240_000): Promise<number> {
  let quiet = 0;
  let last = cpuSeconds(pid);
  while (quiet < 2 && performance.now() - since < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await get(url);
    const now = cpuSeconds(pid);
    quiet = now - last < 0.05 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - since - 2000;
}

async function cannon(name: string, url: string, options: Partial<autocannon.Options> = {}): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, ...options });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...options });
  const load: Load = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes: Math.round(result.throughput.average / Math.max(1, result.requests.average)),
    errors: result.errors + result.timeouts + result.non2xx,
  };
  loads.push(load);
  log(`${name}: ${load.rps} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms${load.errors ? `, ${load.errors} errors/non-2xx` : ''}`);
  return load;
}

interface Site {
  child: ChildProcess;
  url: string;
  articles: number;
}

/**
 * Starts the built server on a corpus twice and records start-up time and
 * RSS each time: a first start (empty DATA_DIR: every file is parsed), then,
 * once it has written its load cache, a restart (only changed files are
 * parsed; none here). The restarted server is the one measured under load.
 */
async function startSite(articles: number): Promise<Site> {
  const dir = await writeCorpus({ articles, jobs: JOBS, seed: 1, base: BASE_DATE });
  // The corpus is flushed to disk first, so that writing it back does not compete with the start-up measured, and
  // read once, so that it is in the OS page cache as after a deploy that has just written it: a corpus kept from an
  // earlier run may not be, and the start-up would measure this machine's disk instead (about twice as long at 100k).
  execFileSync('sync');
  execFileSync('sh', ['-c', 'find "$1" -type f -print0 | xargs -0 cat > /dev/null', 'sh', dir]);
  const dataDir = await mkdtemp(path.join(work, 'data-'));
  const first = await startServer(articles, dir, dataDir, 'first start');
  const deadline = performance.now() + 120_000;
  while (!output(first.child).includes('content load cache written') && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await stop(first.child);
  return startServer(articles, dir, dataDir, 'restart');
}

async function startServer(articles: number, dir: string, dataDir: string, kind: Startup['kind']): Promise<Site> {
  const port = await freePort();
  const since = performance.now();
  const child = start(process.execPath, [path.join(ROOT, 'dist/server.js')], {
    CONTENT_DIR: dir,
    PORT: String(port),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    SITE_URL: `http://127.0.0.1:${port}`,
    WEB_CONCURRENCY: '1',
  });
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitReady(`${url}/healthz`, child, since);
  const loaded = /"ms":(\d+)[^\n]*content loaded/.exec(output(child));
  const rss = rssMb(child.pid!);
  const settledMs = await waitSettled(`${url}/healthz`, child.pid!, since);
  const startup: Startup = { articles, kind, readyMs: Math.round(readyMs), settledMs: Math.round(settledMs), rssMb: rss, settledRssMb: rssMb(child.pid!), ...(loaded ? { loadMs: Number(loaded[1]) } : {}) };
  startups.push(startup);
  log(`${articles} articles + ${JOBS} jobs, ${kind}: ready in ${startup.readyMs} ms (content loaded in ${startup.loadMs ?? '?'} ms), RSS ${startup.rssMb} MB; settled at ${startup.settledMs} ms, RSS ${startup.settledRssMb} MB`);
  return { child, url, articles };
}

/** Paths of one article, a tag, a job, and a sample of many articles for mixed load. */
async function samplePaths(site: Site): Promise<{ article: string; tag: string; job: string; many: string[] }> {
  const sitemap = (await get(`${site.url}/sitemap.xml`)).body.toString('utf8');
  let locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  if (locs.some((loc) => /\/sitemap-\d+\.xml$/.test(loc))) {
    // A sitemap index (past 50,000 URLs): articles come first, tags, authors and jobs in the last children.
    const children = await Promise.all(locs.map(async (loc) => (await get(`${site.url}${loc}`)).body.toString('utf8')));
    locs = children.flatMap((child) => [...child.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname));
  }
  const articles = locs.filter((loc) => loc.startsWith('/news/'));
  const tags = locs.filter((loc) => loc.startsWith('/tags/'));
  const jobs = locs.filter((loc) => loc.startsWith('/jobs/'));
  if (!articles.length || !tags.length || !jobs.length) throw new Error('the sitemap lists no articles, tags or jobs');
  const many = [...articles.filter((_, i) => i % Math.ceil(articles.length / 1500) === 0), ...tags.slice(0, 50), ...jobs.slice(0, 200), '/', '/page/2', '/jobs', '/feed.xml'];
  return { article: articles[Math.min(10, articles.length - 1)]!, tag: tags[0]!, job: jobs[0]!, many };
}

/** The minimal Express 5 app (default settings) answering `bytes` from memory: the practical ceiling. */
async function startExpressCeiling(bytes: Buffer): Promise<{ child: ChildProcess; url: string }> {
  const file = path.join(work, 'page.html');
  await writeFile(file, bytes);
  const script = path.join(work, 'express-ceiling.mjs');
  await writeFile(
    script,
    `import { readFileSync } from 'node:fs';
import express from ${JSON.stringify(path.join(ROOT, 'node_modules/express/index.js'))};
const page = readFileSync(${JSON.stringify(file)});
const app = express();
app.get('/{*path}', (req, res) => res.type('html').send(page));
app.listen(Number(process.env.PORT), '127.0.0.1');
`,
  );
  const port = await freePort();
  const child = start(process.execPath, [script], { PORT: String(port) });
  await waitReady(`http://127.0.0.1:${port}/`, child, performance.now(), 10_000);
  return { child, url: `http://127.0.0.1:${port}` };
}

function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  try {
    log('nginx is missing: installing it from Debian (apt-get install -y nginx-light or nginx)');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'nginx'], { stdio: 'ignore' });
    return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : undefined;
  } catch {
    return undefined;
  }
}

async function startNginx(nginx: string, name: string, conf: string): Promise<ChildProcess> {
  const prefix = path.join(work, `nginx-${name}`);
  await mkdir(prefix, { recursive: true });
  const file = path.join(prefix, 'nginx.conf');
  await writeFile(file, conf);
  const child = start(nginx, ['-p', prefix, '-c', file, '-e', path.join(prefix, 'error.log'), '-g', 'daemon off;'], {});
  return child;
}

/** nginx serving the article bytes as a static file: one worker, like one Node process. */
async function startNginxStatic(nginx: string, bytes: Buffer): Promise<{ child: ChildProcess; url: string }> {
  const root = path.join(work, 'static');
  await mkdir(path.join(root, 'news'), { recursive: true });
  await writeFile(path.join(root, 'news', 'article.html'), bytes);
  const port = await freePort();
  const conf = `worker_processes 1;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid nginx.pid;
error_log error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { default_type text/html; }
  }
}
`;
  const child = await startNginx(nginx, 'static', conf);
  const url = `http://127.0.0.1:${port}/news/article.html`;
  await waitReady(url, child, performance.now(), 10_000);
  return { child, url };
}

/** deploy/nginx.conf on loopback, in front of `upstream`: its BENCH lines rewritten. */
async function startNginxProxy(nginx: string, upstreamPort: number): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const prefix = path.join(work, 'nginx-proxy');
  const source = await readFile(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const rewrite: [RegExp, string][] = [
    [/^worker_processes .*# BENCH$/m, `worker_processes 1;${process.getuid?.() === 0 ? '\nuser root;' : ''}`],
    [/^pid .*# BENCH$/m, 'pid nginx.pid;'],
    [/^error_log .*# BENCH$/m, 'error_log error.log warn;'],
    [/^(\s*)access_log .*# BENCH$/m, '$1access_log off;'],
    [/^(\s*)server 127\.0\.0\.1:3000;.*# BENCH$/m, `$1server 127.0.0.1:${upstreamPort};`],
    [/^(\s*)proxy_cache_path \/var\/cache\/nginx\/newsroom (.*)# BENCH$/m, `$1proxy_cache_path ${path.join(prefix, 'cache')} $2`],
    [/^(\s*)listen 80;.*# BENCH$/m, `$1listen 127.0.0.1:${port};`],
  ];
  let conf = source;
  for (const [pattern, replacement] of rewrite) {
    if (!pattern.test(conf)) throw new Error(`deploy/nginx.conf: no line matches ${pattern}`);
    conf = conf.replace(pattern, replacement);
  }
  const child = await startNginx(nginx, 'proxy', conf);
  await waitReady(`http://127.0.0.1:${port}/healthz`, child, performance.now(), 10_000);
  return { child, url: `http://127.0.0.1:${port}` };
}

/** A minute of mixed load over many URLs and encodings; RSS sampled as it runs. */
async function mixedLoad(site: Site, paths: string[]): Promise<{ before: number; samples: number[]; after: number; rps: number }> {
  const before = rssMb(site.child.pid!);
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(site.child.pid!)), Math.max(1000, (MIXED_SECONDS * 1000) / 12));
  const encodings = ['br, gzip', 'gzip', ''];
  const result = await autocannon({
    url: site.url,
    connections: CONNECTIONS,
    duration: MIXED_SECONDS,
    requests: paths.map((p, i) => ({ method: 'GET' as const, path: p, headers: encodings[i % 3] ? { 'accept-encoding': encodings[i % 3]! } : {} })),
  });
  clearInterval(timer);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { before, samples, after: rssMb(site.child.pid!), rps: Math.round(result.requests.average) };
}

function machine(): string {
  const cpus = os.cpus();
  let nginx = '';
  try {
    nginx = execFileSync('nginx', ['-v'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    nginx = String((error as { stderr?: string }).stderr ?? '').trim();
  }
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}${nginx ? `, ${nginx.replace('nginx version: ', '')}` : ''}`;
}

function table(headers: string[], rows: (string | number)[][]): string {
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a && b ? `${(a / b).toFixed(2)}×` : 'n/a';
}

async function main(): Promise<void> {
  const began = performance.now();
  log(`working in ${work}; ${QUICK ? 'quick mode' : 'full run'}; ${CONNECTIONS} connections, ${DURATION} s per load`);
  log('building (npm run build)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const nginx = nginxBinary();
  if (!nginx) notes.push('nginx not available: the static-file and proxy runs were skipped.');

  const at: Record<number, Load> = {};
  let mixed: Awaited<ReturnType<typeof mixedLoad>> | undefined;
  let express: Load | undefined;
  let nginxStatic: Load | undefined;
  let nginxProxy: Load | undefined;
  let articleBytes = 0;

  // The 1k site stays up (idle) until the 100k one is measured: the two are then loaded in turns, in the same conditions.
  let smallSite: { site: Site; article: string } | undefined;
  let archiveRatio: { small: number[]; large: number[] } | undefined;
  for (const articles of SIZES) {
    const site = await startSite(articles);
    let keep = false;
    try {
      const paths = await samplePaths(site);
      // The same article in every corpus (same seed: article n is the same story), where this site has it.
      if (smallSite && (await get(`${site.url}${smallSite.article}`)).status === 200) paths.article = smallSite.article;
      await get(`${site.url}${paths.article}`);
      at[articles] = await cannon(`article page, ${articles / 1000}k articles`, `${site.url}${paths.article}`);
      if (articles === 1000) {
        smallSite = { site, article: paths.article };
        keep = SIZES.includes(100_000);
      }
      if (articles === 100_000 && smallSite) {
        archiveRatio = { small: [], large: [] };
        for (let round = 0; round < 3; round++) {
          archiveRatio.small.push((await cannon(`article page, 1k articles (turn ${round + 1})`, `${smallSite.site.url}${smallSite.article}`)).rps);
          archiveRatio.large.push((await cannon(`article page, 100k articles (turn ${round + 1})`, `${site.url}${paths.article}`)).rps);
        }
      }
      if (articles !== 10_000) continue;

      const article = await get(`${site.url}${paths.article}`);
      articleBytes = article.body.length;
      for (const [name, p] of [['home page', '/'], ['tag page', paths.tag], ['job page', paths.job], ['/feed.xml', '/feed.xml'], ['/sitemap.xml', '/sitemap.xml']] as const) {
        await cannon(`${name}, 10k`, `${site.url}${p}`);
      }
      await cannon('article page, br (browser), 10k', `${site.url}${paths.article}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });

      const ceiling = await startExpressCeiling(article.body);
      try {
        express = await cannon('minimal Express app, same bytes', `${ceiling.url}${paths.article}`);
      } finally {
        await stop(ceiling.child);
      }
      if (nginx) {
        const stat = await startNginxStatic(nginx, article.body);
        try {
          nginxStatic = await cannon('nginx, same bytes as a static file', stat.url);
        } finally {
          await stop(stat.child);
        }
        const proxy = await startNginxProxy(nginx, Number(new URL(site.url).port));
        try {
          const through = await get(`${proxy.url}${paths.article}`);
          if (through.status !== 200) throw new Error(`nginx proxy answered ${through.status}`);
          nginxProxy = await cannon('article via deploy/nginx.conf (proxy_cache)', `${proxy.url}${paths.article}`);
        } finally {
          await stop(proxy.child);
        }
      }
      log(`mixed load for ${MIXED_SECONDS} s over ${paths.many.length} URLs`);
      mixed = await mixedLoad(site, paths.many);
      log(`mixed: ${mixed.rps} req/s; RSS ${mixed.before} → ${mixed.samples.join(', ')} → ${mixed.after} MB`);
    } finally {
      if (!keep) await stop(site.child);
    }
  }
  if (smallSite) await stop(smallSite.site.child);
  await rm(work, { recursive: true, force: true });

  const ours = at[10_000];
  const small = at[1000];
  const large = at[100_000];
  const date = new Date().toISOString().slice(0, 10);
  const report = [
    `Measured ${date} on ${machine()}, by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (autocannon, ${CONNECTIONS} connections, ${DURATION} s per run after a ${WARMUP} s warm-up; the server and the load generator share the machine's cores). Article page: ${Math.round(articleBytes / 1024)} KB.`,
    '',
    table(
      ['corpus', 'start', 'ready (first /healthz 200)', 'content load (logged)', 'RSS when ready', 'settled (background work done)', 'RSS settled'],
      startups.map((s) => [
        `${s.articles.toLocaleString('en-GB')} articles + ${JOBS.toLocaleString('en-GB')} jobs`,
        s.kind,
        `${(s.readyMs / 1000).toFixed(2)} s`,
        s.loadMs !== undefined ? `${(s.loadMs / 1000).toFixed(2)} s` : '?',
        `${s.rssMb} MB`,
        `${(s.settledMs / 1000).toFixed(2)} s`,
        `${s.settledRssMb} MB`,
      ]),
    ),
    '',
    table(
      ['load', 'req/s', 'p50 ms', 'p99 ms', 'KB a response'],
      loads.map((l) => [l.name + (l.errors ? ` (${l.errors} errors/non-2xx)` : ''), l.rps.toLocaleString('en-GB'), l.p50, l.p99, Math.round(l.bytes / 1024)]),
    ),
    '',
    table(
      ['comparison', 'ratio'],
      [
        ['article at 10k ÷ minimal Express app (target ≥ 1)', ratio(ours?.rps, express?.rps)],
        ['article at 10k ÷ nginx static file', ratio(ours?.rps, nginxStatic?.rps)],
        ['article p99 ÷ minimal Express app p99 (target ≤ 1)', ratio(ours?.p99, express?.p99)],
        ['article via nginx proxy_cache ÷ direct', ratio(nginxProxy?.rps, ours?.rps)],
        ['article at 100k ÷ at 1k (target ≥ 0.9)', large ? ratio(large.rps, small?.rps) : 'not run (--quick)'],
        [
          'the same, the two sites loaded in turns (3 × each, sum of req/s)',
          archiveRatio ? `${ratio(sum(archiveRatio.large), sum(archiveRatio.small))} (1k: ${archiveRatio.small.join(', ')}; 100k: ${archiveRatio.large.join(', ')} req/s)` : 'not run (--quick)',
        ],
        [
          `RSS over ${MIXED_SECONDS} s of mixed load, every ${Math.max(1, MIXED_SECONDS / 12)} s (${mixed?.rps ?? '?'} req/s)`,
          mixed ? `${mixed.before} MB → ${mixed.samples.join(' → ')} → ${mixed.after} MB` : 'n/a',
        ],
      ],
    ),
    ...(notes.length ? ['', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  process.stdout.write(`\n${report}\n\nTotal bench time: ${Math.round((performance.now() - began) / 1000)} s\n`);
  if (!QUICK && !args['no-readme']) await writeReadme(report);
}

/** Replaces the figures between the README's bench markers. */
async function writeReadme(report: string): Promise<void> {
  const file = path.join(ROOT, 'README.md');
  const readme = await readFile(file, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    log('README.md has no bench markers; figures not written');
    return;
  }
  await writeFile(file, `${readme.slice(0, from + start.length)}\n${report}\n${readme.slice(to)}`);
  log('figures written to README.md');
}

const cleanup = () => {
  for (const child of children) child.kill('SIGKILL');
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
try {
  await main();
} catch (error) {
  cleanup();
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
