/**
 * A CommonJS package loaded the first time it is used, not when the server
 * starts. For packages that only some requests need: sanitising an article
 * body, building a feed or sitemap, sending mail. Each costs 40–70 ms of CPU
 * to load, and start-up time is a target (README "Performance").
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function that loads `specifier` on its first call and returns it on every call. */
export function lazyModule<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
