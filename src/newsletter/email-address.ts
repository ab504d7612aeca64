/**
 * Reader-typed email addresses: checked with validator's isEmail and
 * normalised. Pure.
 *
 * Normalisation: surrounding white space is trimmed and the whole address is
 * lower-cased. The local part is case-sensitive in theory (RFC 5321) but no
 * mainstream mailbox provider treats it so, and lower-casing it means
 * `Jane@x.org` and `jane@x.org` are one subscriber. Dots and `+tags` are kept:
 * they are the reader's choice, and removing them is provider-specific.
 */
import isEmailModule from 'validator/lib/isEmail.js';

// validator's isEmail alone, not the whole library (about 60 ms to load). Its CommonJS file exports the function
// both as the module and as `default`; its types know only `default`.
const isEmail = isEmailModule.default;

export const MAX_EMAIL_LENGTH = 254;

export type EmailCheck = { ok: true; email: string } | { ok: false; problem: string };

export function normaliseEmail(input: unknown): EmailCheck {
  if (typeof input !== 'string') return { ok: false, problem: 'Enter your email address' };
  const email = input.trim().toLowerCase();
  if (email === '') return { ok: false, problem: 'Enter your email address' };
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, problem: `Enter an email address of ${MAX_EMAIL_LENGTH} characters or fewer` };
  if (!isEmail(email, { allow_display_name: false, require_tld: true, allow_ip_domain: false, allow_utf8_local_part: true })) {
    return { ok: false, problem: 'Enter an email address in the correct format, like name@example.com' };
  }
  // Dot-atom local parts only: quoted ones (`"a b"@x.org`) are legal but no real reader has one.
  if (/["\s<>()[\]\\,;:]/.test(email.slice(0, email.lastIndexOf('@')))) {
    return { ok: false, problem: 'Enter an email address in the correct format, like name@example.com' };
  }
  return { ok: true, email };
}
