// check's gate, the baseline comparison and the trend's periods compare findings with the one matching of
// @plumbline/core (compare.ts): the same before/after pair must give the same new and fixed findings in a
// pull request and in the weekly report.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Finding } from '@plumbline/core';
import { baselineFromFindings, baselineOccurrences } from '../src/baseline.js';
import { matchFindings as gateMatch, occurrencesOf } from '../src/gate.js';
import { matchFindings as trendMatch, reidentify } from '../src/trend/index.js';

function finding(fingerprint: string, file: string, line: number, ruleId = 'pass-through-function'): Finding {
  return {
    ruleId,
    category: 'abstraction',
    severity: 'warning',
    message: `m ${fingerprint}`,
    file,
    line,
    column: 1,
    endLine: line + 2,
    endColumn: 5,
    effortMinutes: 10,
    fingerprint,
    related: [],
  };
}

interface Pair {
  before: Finding[];
  after: Finding[];
  /** head path -> base path, as git reports renames */
  renames: Map<string, string>;
  /** the after findings whose lines no commit touched */
  untouched: (f: Finding) => boolean;
}

const key = (f: { file: string; fingerprint: string; line?: number }) => `${f.file}:${f.line ?? '-'}:${f.fingerprint}`;
const fixedKey = (f: { file: string; fingerprint: string }) => `${f.file}:${f.fingerprint}`;

/** What each of the three reports as new and fixed for a pair. */
function threeWays({ before, after, renames, untouched }: Pair) {
  const check = gateMatch(occurrencesOf(before), after, { renames, untouched });
  const baseline = gateMatch(baselineOccurrences(baselineFromFindings(before)), after, { renames, untouched });
  const renamedFrom = new Map([...renames].map(([to, from]) => [to, new Set([from])] as const));
  const matched = trendMatch(before, after, renamedFrom);
  const untouchedShares = [{ sha: null, share: 1 }];
  const touchedShares = [{ sha: 'c0ffee', share: 1 }];
  const trend = reidentify(
    matched.added.map((f) => ({ finding: f, shares: untouched(f) ? untouchedShares : touchedShares })),
    matched.fixed,
    renamedFrom,
  );
  return {
    check: {
      added: check.new.map(key).sort(),
      /** pairs of another fingerprint on touched lines: findings the change edited */
      edited: check.unchanged.filter((u) => u.finding.fingerprint !== u.base.fingerprint && !untouched(u.finding)).length,
      fixed: check.absent.map(fixedKey).sort(),
      fixedAt: check.absent.map((o) => key(o.finding!)).sort(),
    },
    baseline: { added: baseline.new.map(key).sort(), fixed: baseline.absent.map(fixedKey).sort() },
    trend: {
      added: trend.added.map((a) => key(a.finding)).sort(),
      fixed: trend.fixed.map(fixedKey).sort(),
      fixedAt: trend.fixed.map(key).sort(),
    },
  };
}

describe('check, baseline and trend agree on the same before/after pair', () => {
  it('moved, renamed, copied, re-fingerprinted and edited findings', () => {
    const before = [
      // moved: old/button.ts -> ui/button.ts, while a look-alike appears in a file that sorts first
      finding('m1', 'old/button.ts', 10),
      // renamed by git (src/old-name.ts -> src/zz-new-name.ts), and copied into a file that sorts first
      finding('r1', 'src/old-name.ts', 5),
      // copied: one more occurrence of old code
      finding('c1', 'src/a.ts', 20),
      // re-fingerprinted: a third copy elsewhere changed the clone's fingerprint in shared.ts
      finding('x2', 'src/shared.ts', 30, 'copied-code'),
      // edited: the change rewrote the lines of a copied region (both copies alike), its fingerprint changed
      finding('e1', 'src/edited.ts', 40, 'copied-code'),
      // fixed
      finding('f1', 'src/gone.ts', 3),
      // unchanged
      finding('u1', 'src/kept.ts', 1),
    ];
    const after = [
      finding('m1', 'ui/button.ts', 12),
      finding('m1', 'aa/other.ts', 10),
      finding('r1', 'src/zz-new-name.ts', 5),
      finding('r1', 'src/aa-copy.ts', 5),
      finding('c1', 'src/a.ts', 20),
      finding('c1', 'src/b.ts', 20),
      finding('x3', 'src/shared.ts', 30, 'copied-code'),
      finding('x3', 'src/third.ts', 1, 'copied-code'),
      finding('e2', 'src/edited.ts', 41, 'copied-code'),
      finding('u1', 'src/kept.ts', 1),
    ];
    const touched = new Set(['aa/other.ts', 'src/aa-copy.ts', 'src/b.ts', 'src/third.ts', 'src/edited.ts']);
    const r = threeWays({
      before,
      after,
      renames: new Map([['src/zz-new-name.ts', 'src/old-name.ts']]),
      untouched: (f) => !touched.has(f.file),
    });

    const expected = ['aa/other.ts:10:m1', 'src/aa-copy.ts:5:r1', 'src/b.ts:20:c1', 'src/third.ts:1:x3'];
    expect(r.check.added).toEqual(expected);
    expect(r.trend.added).toEqual(expected);
    expect(r.check.fixed).toEqual(['src/gone.ts:f1']);
    expect(r.trend.fixed).toEqual(['src/gone.ts:f1']);
    expect(r.check.edited).toBe(1);
    // a baseline keeps no lines: it cannot tell the edited copy from a new one
    expect(r.baseline.added).toEqual([...expected, 'src/edited.ts:41:e2'].sort());
    expect(r.baseline.fixed).toEqual(['src/edited.ts:e1', 'src/gone.ts:f1']);
  });

  it('property: check and trend report the very same findings new and fixed; the baseline, which keeps no lines, as many', () => {
    const item = fc.record({
      fp: fc.constantFrom('a1', 'b2', 'c3'),
      rule: fc.constantFrom('pass-through-function', 'copied-code'),
      file: fc.constantFrom('x/a.ts', 'y/a.ts', 'x/b.ts', 'z/c.ts', 'q.ts'),
      line: fc.integer({ min: 1, max: 40 }),
    });
    const arb = fc.record({
      before: fc.array(item, { maxLength: 12 }),
      after: fc.array(item, { maxLength: 12 }),
      rename: fc.boolean(),
      untouchedFiles: fc.subarray(['x/a.ts', 'y/a.ts', 'x/b.ts', 'z/c.ts', 'q.ts']),
    });
    fc.assert(
      fc.property(arb, ({ before, after, rename, untouchedFiles }) => {
        // a fingerprint belongs to one rule: derive it from both
        const make = (i: { fp: string; rule: string; file: string; line: number }) =>
          finding(`${i.fp}${i.rule === 'copied-code' ? 'c' : 'p'}`, i.file, i.line, i.rule);
        const untouched = new Set(untouchedFiles);
        const r = threeWays({
          before: before.map(make),
          after: after.map(make),
          renames: rename ? new Map([['q.ts', 'x/b.ts']]) : new Map(),
          untouched: (f) => untouched.has(f.file),
        });
        expect(r.check.added).toEqual(r.trend.added);
        expect(r.check.fixedAt).toEqual(r.trend.fixedAt);
        // without lines, which occurrence is the new one, and which fixed one a re-fingerprinted finding
        // pairs with, can differ (nearest line is unknown); how many are new and fixed cannot, except that a
        // baseline cannot tell an edited finding (touched lines overlapping a fixed one's) from a new one
        expect(r.baseline.added).toHaveLength(r.check.added.length + r.check.edited);
        expect(r.baseline.fixed).toHaveLength(r.check.fixed.length + r.check.edited);
      }),
      { numRuns: 300 },
    );
  });
});
