/**
 * Link tokens: 256 random bits, base64url. Only the SHA-256 hash is stored,
 * so a copy of the database cannot be used to confirm or unsubscribe anyone.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface IssuedToken {
  /** Goes in the link; never stored. */
  token: string;
  /** Stored; the lookup key. */
  hash: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function issueToken(): IssuedToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when `value` has a token's shape; anything else is refused without a lookup. */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}
