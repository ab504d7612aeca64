import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter, parseYaml } from '../../src/content/front-matter.js';

/** Values an editor writes in front matter, as YAML text. */
const scalar = fc.oneof(
  fc.constantFrom('2016-06-10', '2016-06-10T09:30', '"2016-06-10 09:30:00+01:00"', 'true', 'false', 'yes', 'no', '~', 'null', '42', '38220.5', '-3', '0x1f'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .'&()£%-]{0,40}$/).filter((s) => !/[:#]\s|\s$|^(yes|no|true|false|null)$/i.test(s)),
  fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }).map((items) => `[${items.join(', ')}]`));
const frontMatter = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z][a-z_]{0,11}$/), value), { selector: ([key]) => key, maxLength: 10 });

describe('parseFrontMatter', () => {
  it('reads front matter the full YAML parser accepts exactly as it does, key lines included', () => {
    fc.assert(
      fc.property(frontMatter, (pairs) => {
        const yamlText = `\n${pairs.map(([key, v]) => `${key}: ${v}`).join('\n')}\n`;
        const fullLines = new Map<string, number>();
        let full: Record<string, unknown> | Error;
        try {
          full = parseYaml(yamlText, fullLines);
        } catch (error) {
          full = error as Error;
        }
        const fast = (() => {
          try {
            return parseFrontMatter(`---${yamlText}---\nBody\n`);
          } catch (error) {
            return error as Error;
          }
        })();
        // Text the full parser refuses may be read more leniently by the fast path (e.g. `[a,, b]`); it is still validated field by field.
        fc.pre(!(full instanceof Error));
        expect(fast).not.toBeInstanceOf(Error);
        const parsed = fast as Exclude<typeof fast, Error>;
        expect(parsed.data).toEqual(full);
        expect(parsed.keyLines).toEqual(fullLines);
      }),
      { numRuns: 500 },
    );
  });

  it('takes anchors and aliases the full way, where they are bounded', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
    expect(() => parseFrontMatter(`---\n${bomb}\n---\n`)).toThrow(/invalid YAML/);
    expect(parseFrontMatter('---\ntitle: Health & Care * 2\n---\n').data).toEqual({ title: 'Health & Care * 2' });
  });

  it('names the line of a duplicate key', () => {
    expect(() => parseFrontMatter('---\ntitle: a\ndate: 2016-06-10\ntitle: b\n---\n')).toThrow(expect.objectContaining({ line: 4 }));
  });
});
