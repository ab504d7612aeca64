/**
 * How long a saved change takes to reach readers: generates a deterministic
 * site of N articles (default 10,000) in a temporary folder, starts the real
 * server on it (`src/server.ts`, watcher included), then edits, adds and
 * deletes files and polls the article URL until the change is served.
 *
 *   npm run bench:reload                      # 10,000 articles, 5 trials each
 *   npm run bench:reload -- --articles 2000 --trials 3
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, trials: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } } });
const ARTICLES = Number(values.articles);
const TRIALS = Number(values.trials);
const ROOT = path.resolve(import.meta.dirname, '..');
const TARGET_MS = 500;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ["children's services", 'adult social care', 'housing', 'Ofsted', 'finance', 'planning', 'highways', 'education', 'public health', 'workforce', 'devolution', 'elections'];
const PLACES = ['Sandwell', 'Birmingham', 'Leeds', 'Kent', 'Cornwall', 'Manchester', 'Norfolk', 'Bristol'];
const WORDS = 'council budget report minister funding service plan review staff board scheme local authority cabinet residents consultation inspection pressure cuts'.split(' ');

function articleText(i: number, title: string, pick: () => number): string {
  const day = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000 * 5);
  const tags = [TAGS[Math.floor(pick() * TAGS.length)], TAGS[Math.floor(pick() * TAGS.length)]];
  const body = Array.from({ length: 6 }, () => Array.from({ length: 40 }, () => WORDS[Math.floor(pick() * WORDS.length)]).join(' ') + '.').join('\n\n');
  return `---\ntitle: ${JSON.stringify(title)}\ndate: ${day.toISOString().slice(0, 16)}\nauthor: Reporter ${i % 20}\nsummary: ${JSON.stringify(`Summary of story ${i}.`)}\ntags: ${JSON.stringify([...new Set(tags)])}\nplaces: [${PLACES[i % PLACES.length]}]\n---\n${body}\n`;
}

function generate(dir: string): void {
  const pick = random(42);
  writeFileSync(path.join(dir, 'site.yaml'), 'name: Bench News\nurl: http://localhost\ntimezone: Europe/London\n');
  for (let i = 0; i < ARTICLES; i++) {
    const year = path.join(dir, 'articles', String(2015 + (i % 8)));
    if (i < 8) mkdirSync(year, { recursive: true });
    writeFileSync(path.join(year, `story-${i}.md`), articleText(i, `Story number ${i}`, pick));
  }
  mkdirSync(path.join(dir, 'jobs'), { recursive: true });
  for (let i = 0; i < 300; i++) {
    const tag = TAGS[i % TAGS.length]!;
    writeFileSync(path.join(dir, 'jobs', `job-${i}.md`), `---\ntitle: Social worker ${i}\nemployer: Council ${i % 30}\nlocation: ${PLACES[i % PLACES.length]}\nsalary: Competitive\nposted: 2016-01-01\ntags: [${JSON.stringify(tag)}]\n---\nA job.\n`);
  }
}

interface Server {
  url: string;
  reloadMs: number[];
  stop(): void;
}

async function startServer(dir: string): Promise<Server & { loadMs: number; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: dir, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const reloadMs: number[] = [];
  let loadMs = 0;
  return new Promise((resolve, reject) => {
    let url = '';
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; port?: number; ms?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg?.startsWith('content loaded')) loadMs = entry.ms ?? 0;
      if (entry.msg?.startsWith('content reloaded')) reloadMs.push(entry.ms ?? 0);
      if (entry.port) url = `http://127.0.0.1:${entry.port}`;
      if (entry.msg?.startsWith('watching') && url) {
        resolve({ url, reloadMs, loadMs, readyMs: performance.now() - started, stop: () => child.kill('SIGTERM') });
      }
    });
  });
}

/** Milliseconds from `change()` until `visible()` holds. */
async function timeUntil(change: () => void, visible: () => Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  change();
  while (!(await visible())) {
    if (performance.now() - started > timeoutMs) throw new Error('change not visible after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

async function titleIs(url: string, expected: string): Promise<boolean> {
  const res = await fetch(url);
  return res.status === 200 && (await res.text()).includes(expected);
}

function row(name: string, times: number[], server: number[], targeted: boolean): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const reload = [...server].sort((a, b) => a - b)[Math.floor(server.length / 2)] ?? NaN;
  const cells = [name.padEnd(30), String(times.length).padStart(6), ...[sorted[0]!, median, sorted.at(-1)!, reload].map((n) => n.toFixed(0).padStart(8)), !targeted ? '     -' : sorted.at(-1)! <= TARGET_MS ? '   yes' : '    NO'];
  return cells.join(' ');
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-reload-'));
try {
  let t = performance.now();
  generate(dir);
  console.log(`generated ${ARTICLES} articles and 300 jobs in ${dir} (${(performance.now() - t).toFixed(0)} ms)`);
  const server = await startServer(dir);
  console.log(`server: content loaded in ${server.loadMs} ms; listening and watching after ${server.readyMs.toFixed(0)} ms`);
  const results: Array<[string, number[], number[], boolean]> = [];
  const measure = async (name: string, trial: (i: number) => Promise<number>, targeted = true): Promise<void> => {
    const times: number[] = [];
    const before = server.reloadMs.length;
    for (let i = 0; i < TRIALS; i++) {
      times.push(await trial(i));
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the watcher settle between trials
    }
    results.push([name, times, server.reloadMs.slice(before), targeted]);
  };
  const pick = random(7);
  const fileOf = (i: number) => path.join(dir, 'articles', String(2015 + (i % 8)), `story-${i}.md`);
  // One edit first, not counted: the first reload after start-up pays for JIT warm-up and the start-up garbage.
  await timeUntil(() => writeFileSync(fileOf(3), articleText(3, 'Warm-up edit', pick)), () => titleIs(`${server.url}/news/story-3`, 'Warm-up edit'));
  await measure('edit an article', (i) => {
    const n = Math.floor((i + 1) * (ARTICLES / (TRIALS + 1)));
    const title = `Edited story ${n} trial ${i}`;
    return timeUntil(() => writeFileSync(fileOf(n), articleText(n, title, pick)), () => titleIs(`${server.url}/news/story-${n}`, title));
  });
  await measure('add an article', (i) => {
    const file = path.join(dir, 'articles', 'new', `new-story-${i}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    return timeUntil(() => writeFileSync(file, articleText(ARTICLES + i, `New story ${i}`, pick)), () => titleIs(`${server.url}/news/new-story-${i}`, `New story ${i}`));
  });
  await measure('delete an article', (i) => {
    const n = 1 + i * 7;
    return timeUntil(() => unlinkSync(fileOf(n)), async () => (await fetch(`${server.url}/news/story-${n}`)).status === 404);
  });
  await measure('burst: 500 files at once', async (i) => {
    const marker = `burst ${i}`;
    const last = ARTICLES - 1 - 500;
    return timeUntil(
      () => {
        for (let n = ARTICLES - 500; n < ARTICLES; n++) writeFileSync(fileOf(n), articleText(n, `Story ${n} ${marker}`, pick));
      },
      () => titleIs(`${server.url}/news/story-${last + 500}`, `Story ${last + 500} ${marker}`),
    );
  }, false);
  server.stop();
  console.log(`\nsaved change → visible to an HTTP client, ${ARTICLES} articles (ms; target ${TARGET_MS} ms for one saved file)`);
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)} at the end of the run`);
  console.log(['operation'.padEnd(30), 'trials'.padStart(6), 'min'.padStart(8), 'median'.padStart(8), 'max'.padStart(8), 'reload'.padStart(8), ' ≤target'].join(' '));
  for (const [name, times, server, targeted] of results) console.log(row(name, times, server, targeted));
  console.log('\nreload = median time the server spent re-reading changed files and rebuilding the snapshot (from its log).');
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
