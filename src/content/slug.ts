/** Slug rules of CONTENT-FORMAT.md: lower-case a-z, 0-9 and `-`. */

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(value: string): boolean {
  return value.length <= 200 && SLUG_PATTERN.test(value);
}

/**
 * Tag and author slugs made from names: lower-case, accents folded,
 * `&` to `and`, runs of other characters to `-`.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
