/**
 * Content codings for the page cache: which one a client gets (by its
 * Accept-Encoding q-values) and making it once from the identity bytes.
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

const negotiated = new Map<string, Encoding>();

/**
 * br, then gzip, then identity, by the client's q-values (RFC 9110 §12.5.3):
 * the highest q wins and ties go to the smaller encoding. Decisions are
 * remembered per distinct header value (a few dozen in practice; bounded).
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = negotiated.get(header);
  if (known) return known;
  const q: Record<string, number | undefined> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name.trim() === 'x-gzip' ? 'gzip' : name.trim()] = Number.isFinite(value) ? value : 0;
  }
  const wildcard = q['*'];
  const weight = (name: Encoding) => q[name] ?? (name === 'identity' ? (wildcard === 0 ? 0 : Math.max(wildcard ?? 0, 0.001)) : (wildcard ?? 0));
  let best: Encoding = 'identity';
  for (const name of ['gzip', 'br'] as const) {
    if (weight(name) > 0 && weight(name) >= weight(best)) best = name;
  }
  if (negotiated.size < 256) negotiated.set(header, best);
  return best;
}

export function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  if (encoding === 'br') {
    return brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
  }
  return body;
}
