import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareFindingSets, matchFingerprints, reidentifyFindings } from '../src/compare.js';

const f = (fingerprint: string, file: string, line?: number, ruleId = 'r') => ({
  fingerprint,
  file,
  ruleId,
  ...(line !== undefined ? { line } : {}),
});
const where = (xs: ReadonlyArray<{ file: string; line?: number }>) => xs.map((x) => `${x.file}:${x.line ?? '-'}`);

describe('matchFingerprints: multisets of fingerprints, same file first, then across files', () => {
  it('a file moved unchanged adds nothing and fixes nothing, and pairs each occurrence with its own', () => {
    const before = [f('x', 'src/a/users.ts', 3), f('y', 'src/a/users.ts', 9)];
    const after = [f('x', 'src/b/users.ts', 3), f('y', 'src/b/users.ts', 9)];
    const r = matchFingerprints(before, after);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.pairs.map((p) => [p.before, p.after])).toEqual([
      [before[0], after[0]],
      [before[1], after[1]],
    ]);
  });

  it('a second copy of old code is new, and it is the copy', () => {
    const r = matchFingerprints([f('x', 'src/users.ts', 3)], [f('x', 'src/users.ts', 5), f('x', 'src/admin/copy.ts', 3)]);
    expect(where(r.added)).toEqual(['src/admin/copy.ts:3']);
  });

  it('in the same file, the nearest line pairs first', () => {
    const r = matchFingerprints([f('x', 'a.ts', 10), f('x', 'a.ts', 40)], [f('x', 'a.ts', 12)]);
    expect(where(r.removed)).toEqual(['a.ts:40']);
  });

  it('across files: the same file name first, then the longest common path suffix, never the alphabetical first file', () => {
    expect(where(matchFingerprints([f('x', 'old/button.ts', 1)], [f('x', 'ui/button.ts', 1), f('x', 'aa/other.ts', 1)]).added)).toEqual([
      'aa/other.ts:1',
    ]);
    expect(where(matchFingerprints([f('x', 'b/lib/a.ts', 1), f('x', 'z/x.ts', 1)], [f('x', 'c/lib/a.ts', 1)]).removed)).toEqual([
      'z/x.ts:1',
    ]);
    expect(
      where(matchFingerprints([f('x', 'src/x/form.ts', 1), f('x', 'lib/y/form.ts', 1)], [f('x', 'app/y/form.ts', 1)]).removed),
    ).toEqual(['src/x/form.ts:1']);
  });

  it('a renamed file is the same file: the rename decides which occurrence is the copy', () => {
    const before = [f('x', 'src/old.ts', 1)];
    const after = [f('x', 'src/zz-renamed.ts', 1), f('x', 'src/old-copy.ts', 1)];
    expect(where(matchFingerprints(before, after, new Map([['src/zz-renamed.ts', 'src/old.ts']])).added)).toEqual(['src/old-copy.ts:1']);
    // a chain of renames over several commits
    expect(where(matchFingerprints(before, after, new Map([['src/zz-renamed.ts', new Set(['src/mid.ts', 'src/old.ts'])]])).added)).toEqual([
      'src/old-copy.ts:1',
    ]);
  });

  it('without lines (a committed baseline) every line is as near as any', () => {
    const r = matchFingerprints([f('x', 'a.ts'), f('x', 'a.ts')], [f('x', 'a.ts', 5), f('x', 'b.ts', 9)]);
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
  });

  it('property: the answer does not depend on the order the findings are given in', () => {
    const item = fc.record({
      fp: fc.constantFrom('a', 'b'),
      file: fc.constantFrom('x/a.ts', 'y/a.ts', 'x/b.ts', 'z/c.ts'),
      line: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.array(item, { maxLength: 10 }), (bs, as) => {
        const before = bs.map((i) => f(i.fp, i.file, i.line));
        const after = as.map((i) => f(i.fp, i.file, i.line));
        const key = (r: ReturnType<typeof matchFingerprints>) => JSON.stringify([where(r.added), where(r.removed)]);
        expect(key(matchFingerprints([...before].reverse(), [...after].reverse()))).toBe(key(matchFingerprints(before, after)));
        // the counts are those of multisets
        const count = (xs: typeof before, fp: string) => xs.filter((x) => x.fingerprint === fp).length;
        const r = matchFingerprints(before, after);
        for (const fp of ['a', 'b']) expect(count(r.added, fp) - count(r.removed, fp)).toBe(count(after, fp) - count(before, fp));
      }),
      { numRuns: 200 },
    );
  });
});

describe('reidentifyFindings: untouched code under a new fingerprint is not new debt', () => {
  it('pairs an untouched new finding with a fixed one of the same rule in the same file, nearest lines first', () => {
    const added = [f('x3', 'a.ts', 50, 'copied-code'), f('x3', 'c.ts', 1, 'copied-code')];
    const removed = [f('x2', 'a.ts', 10, 'copied-code'), f('x1', 'a.ts', 48, 'copied-code')];
    const r = reidentifyFindings(added, removed, (a) => a.file === 'a.ts');
    expect(where(r.added)).toEqual(['c.ts:1']);
    expect(where(r.removed)).toEqual(['a.ts:10']);
  });

  it('keeps touched code, other rules and other files; follows renames', () => {
    const added = [f('n1', 'a.ts', 5, 'magic-number'), f('n2', 'b.ts', 5, 'magic-number'), f('n3', 'new.ts', 7, 'repeated-literal')];
    const removed = [
      f('o1', 'a.ts', 6, 'magic-number'),
      f('o2', 'b.ts', 5, 'pass-through-function'),
      f('o3', 'old.ts', 9, 'repeated-literal'),
    ];
    const r = reidentifyFindings(added, removed, (a) => a.file !== 'a.ts', new Map([['new.ts', 'old.ts']]));
    expect(where(r.added)).toEqual(['a.ts:5', 'b.ts:5']);
    expect(where(r.removed)).toEqual(['a.ts:6', 'b.ts:5']);
  });
});

describe('compareFindingSets: all three passes', () => {
  it('runs the third pass only when the untouched lines are known', () => {
    const before = [f('old', 'a.ts', 10)];
    const after = [f('new', 'a.ts', 10)];
    expect(where(compareFindingSets(before, after).added)).toEqual(['a.ts:10']);
    const r = compareFindingSets(before, after, { untouched: () => true });
    expect(r.added).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(r.pairs).toEqual([{ before: before[0], after: after[0] }]);
  });
});
