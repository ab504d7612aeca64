/**
 * Static assets from public/, fingerprinted: each file is read once at
 * start-up, hashed, and served at /assets/NAME.HASH.EXT with a year-long
 * immutable cache. Templates ask for URLs with `asset('site.css')`.
 * The plain name (/assets/NAME.EXT) is served too, with the page cache,
 * for files that content links to directly (lead images).
 * Requests are answered only from the table built at start-up: a path is
 * never built from the request.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';

export interface AssetFile {
  /** Absolute path of the file on disk. */
  file: string;
  /** Fingerprinted URL, e.g. `/assets/site.3f9a0c1b2d.css`. */
  url: string;
}

export interface Assets {
  /** The fingerprinted URL of a file in public/ (`site.css`, `images/logo.svg`); throws for an unknown name. */
  url(name: string): string;
  /** Express handler to mount at `/assets`. */
  handler(cacheControl: { immutable: string; plain: string }): RequestHandler;
}

/** `site.css` + hash → `site.HASH.css`. */
export function fingerprintedName(name: string, hash: string): string {
  const ext = path.posix.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : entry.isFile() ? [`${prefix}${entry.name}`] : []));
}

/** Reads and hashes every file under `publicDir` (sync: called once while the app is built). */
export function createAssets(publicDir: string): Assets {
  const byName = new Map<string, AssetFile>();
  const immutable = new Map<string, string>();
  for (const name of listFiles(publicDir)) {
    const file = path.join(publicDir, name);
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
    const hashed = fingerprintedName(name, hash);
    byName.set(name, { file, url: `/assets/${hashed}` });
    immutable.set(hashed, file);
  }
  return {
    url(name) {
      const entry = byName.get(name);
      if (!entry) throw new Error(`asset(): no file public/${name}`);
      return entry.url;
    },
    handler(cacheControl) {
      return (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const key = req.path.slice(1);
        const hashedFile = immutable.get(key);
        const file = hashedFile ?? byName.get(key)?.file;
        if (!file) return next();
        res.sendFile(file, { headers: { 'Cache-Control': hashedFile ? cacheControl.immutable : cacheControl.plain }, cacheControl: false, dotfiles: 'deny' }, (error) => {
          if (error) next(error);
        });
      };
    },
  };
}
