/**
 * The real server process (src/server.ts under tsx): SIGTERM stops accepting
 * connections, closes idle keep-alive connections, lets a request in flight
 * finish and exits 0; a request that never finishes is cut off after
 * SHUTDOWN_TIMEOUT and the exit code is 1. Its HTTP server answers an
 * over-size header block with 431.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/app.js';
import { LIMITS } from '../../src/web/limits.js';
import { rawGet } from './support.js';
import { writeCorpus } from '../../scripts/bench-corpus.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Resolves with the first log line whose message includes `text`. */
  logged(text: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const started: { child: ChildProcess; dataDir: string }[] = [];
afterEach(async () => {
  for (const { child, dataDir } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function startServer(env: NodeJS.ProcessEnv = {}, existingDataDir?: string): Promise<ServerProcess & { dataDir: string }> {
  const dataDir = existingDataDir ?? (await mkdtemp(path.join(tmpdir(), 'server-data-')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', CONTENT_DIR: path.join(FIXTURES, 'site'), DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, dataDir });
  const lines: Record<string, unknown>[] = [];
  const waiting: { text: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(line);
    for (const waiter of waiting.filter((w) => String(line.msg).includes(w.text))) waiter.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logged = (text: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = lines.find((line) => String(line.msg).includes(text));
      if (found) return resolve(found);
      waiting.push({ text, resolve });
      void exited.then((code) => reject(new Error(`server exited (${code}) before logging "${text}"`)));
    });
  const listening = await logged('listening on');
  return { child, port: Number(listening.port), logged, exited, dataDir };
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Collects everything a socket receives until the server closes it. */
function received(socket: net.Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  return new Promise((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1'))));
}

/** A form post whose body is sent in two parts: the request is in flight until the second. */
async function slowPost(port: number, body: string): Promise<{ socket: net.Socket; response: Promise<string>; finish(): void }> {
  const socket = await connect(port);
  const response = received(socket);
  const head = `POST /newsletter/unsubscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
  socket.write(head + body.slice(0, 4));
  return { socket, response, finish: () => socket.write(body.slice(4)) };
}

describe('SIGTERM', () => {
  it('refuses new connections, closes idle keep-alive ones, finishes the request in flight and exits 0', async () => {
    const server = await startServer();

    // An idle keep-alive connection, after one request.
    const idle = await connect(server.port);
    const idleClosed = received(idle);
    idle.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise((resolve) => idle.once('data', resolve));

    // A request in flight: headers sent, half the body still to come.
    const inFlight = await slowPost(server.port, 'token=not-a-real-token');
    await new Promise((resolve) => setTimeout(resolve, 300));

    server.child.kill('SIGTERM');
    await server.logged('SIGTERM: no new connections');

    expect((await idleClosed).startsWith('HTTP/1.1 200')).toBe(true);
    await expect(connect(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    inFlight.finish();
    const response = await inFlight.response;
    expect(response).toMatch(/^HTTP\/1\.1 [234]\d\d /);
    expect(response).toContain('</html>');
    expect(await server.exited).toBe(0);
    await server.logged('requests finished; exiting');
  });

  it('cuts off a request that never finishes after SHUTDOWN_TIMEOUT, and exits 1', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT: '1' });
    const stuck = await slowPost(server.port, 'token=never-finished');
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(await stuck.response).toBe('');
    await server.logged('cutting them off');
  });

  it('exits when the log reader has gone, with log lines still on their way', async () => {
    // 3,000 files (the benchmark's generator): the watcher's first look at them keeps the file system's one
    // thread (UV_THREADPOOL_SIZE=1) busy, so the lines logged on SIGTERM are still to be written, to a stdout
    // whose reader has gone (EPIPE), when the process exits. The exit used to hang for good.
    const contentDir = await writeCorpus({ articles: 1000, jobs: 2000, seed: 1, base: '2026-01-01', out: await mkdtemp(path.join(tmpdir(), 'corpus-')) });
    try {
      const server = await startServer({ CONTENT_DIR: contentDir, UV_THREADPOOL_SIZE: '1' });
      await rawGet(server.port, '/healthz');
      server.child.stdout!.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.child.kill('SIGTERM');
      const hung = new Promise((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000));
      expect(await Promise.race([server.exited, hung])).toBe(0);
    } finally {
      await rm(contentDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('treats SIGINT (Ctrl-C) the same way', async () => {
    const server = await startServer();
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    await server.logged('SIGINT: no new connections');
  });
});

describe('a restart', () => {
  it('reads no content file that has not changed since the last run (the load cache in DATA_DIR), and serves the same pages', async () => {
    const first = await startServer();
    const loaded = await first.logged('content loaded');
    expect(loaded).toMatchObject({ fromCache: 0 });
    const page = await rawGet(first.port, '/news/sandwell-trust');
    await first.logged('content load cache written');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startServer({}, first.dataDir);
    expect(await second.logged('content loaded')).toMatchObject({ fromCache: loaded.read, read: 0, articles: loaded.articles, version: loaded.version });
    const again = await rawGet(second.port, '/news/sandwell-trust');
    expect(again.status).toBe(200);
    expect(again.body).toBe(page.body);
  });
});

describe('the real server’s limits', () => {
  it('answers a header block over the limit with 431, and serves the next request', async () => {
    const server = await startServer();
    expect((await rawGet(server.port, '/', { 'X-Padding': 'x'.repeat(LIMITS.headerBytes) })).status).toBe(431);
    expect((await rawGet(server.port, '/')).status).toBe(200);
    expect((await rawGet(server.port, '/news/%2e%2e%2fpackage.json')).status).toBe(404);
    expect((await rawGet(server.port, '/news/%c0%ae')).status).toBe(400);
  });
});

describe('a log reader that stalls', () => {
  it('costs dropped log lines, counted in a warning once stdout moves again, not memory or answers', { timeout: 60_000 }, async () => {
    const server = await startServer({ LOG_BUFFER_MB: '0.05' });
    server.child.stdout!.pause();
    // About 4,000 access-log lines (over a megabyte): far more than the pipe and a 50 KB buffer hold.
    for (let round = 0; round < 200; round++) {
      const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await fetch(`http://127.0.0.1:${server.port}/healthz`)).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    server.child.stdout!.resume();
    const warning = await server.logged('log lines dropped');
    expect(warning).toMatchObject({ level: 40 });
    expect(warning.dropped).toBeGreaterThan(0);
  });
});

