/** Request values checked before use: nothing unchecked reaches a lookup or a path. */
import { isValidSlug } from '../content/slug.js';
import { badRequest, notFound } from './errors.js';

/** A page number from the path: `2` to `99999`; anything else (0, 01, -1, 1.5, abc) is a 404. */
export function pageParam(value: string | undefined): number {
  if (value === undefined) return 1;
  if (!/^[1-9]\d{0,4}$/.test(value)) throw notFound();
  return Number(value);
}

/** A page number from the query string (`?page=2`); absent means 1. */
export function queryPage(value: unknown): number {
  if (value === undefined || value === '') return 1;
  if (typeof value !== 'string') throw badRequest('Give the page number once.');
  return pageParam(value);
}

/** A slug from the path; anything outside the slug alphabet is a 404 without a lookup. */
export function slugParam(value: string | undefined): string {
  if (value === undefined || !isValidSlug(value)) throw notFound();
  return value;
}
