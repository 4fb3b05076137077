import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Category, Finding } from '@plumbline/core';
import { evaluateGate, matchFindings, occurrencesOf, parseThresholds } from '../src/gate.js';

let line = 0;
function finding(fingerprint: string, file: string, extra: Partial<Finding> = {}): Finding {
  line++;
  return {
    ruleId: 'pass-through-function',
    category: 'abstraction',
    severity: 'warning',
    message: `m ${fingerprint}`,
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 5,
    effortMinutes: 10,
    fingerprint,
    related: [],
    ...extra,
  };
}
const at = (f: Finding, file: string, l = f.line + 100): Finding => ({ ...f, file, line: l, endLine: l });

describe('matchFindings: multisets of fingerprints, same file first, then across files', () => {
  it('a file moved unchanged adds nothing and fixes nothing', () => {
    const base = [finding('aa', 'src/a.ts'), finding('bb', 'src/a.ts'), finding('cc', 'src/c.ts')];
    const head = [at(base[0]!, 'src/lib/a.ts'), at(base[1]!, 'src/lib/a.ts'), base[2]!];
    const r = matchFindings(occurrencesOf(base), head);
    expect(r.new).toEqual([]);
    expect(r.absent).toEqual([]);
    expect(r.unchanged.map((u) => [u.finding.file, u.base.file])).toEqual([
      ['src/c.ts', 'src/c.ts'],
      ['src/lib/a.ts', 'src/a.ts'],
      ['src/lib/a.ts', 'src/a.ts'],
    ]);
  });

  it('lines moving inside a file change nothing', () => {
    const base = [finding('aa', 'src/a.ts')];
    const r = matchFindings(occurrencesOf(base), [at(base[0]!, 'src/a.ts', 400)]);
    expect(r.new).toEqual([]);
    expect(r.unchanged).toHaveLength(1);
  });

  it('a second copy of old code is one more occurrence: new, and it is the copy in the new file', () => {
    const base = [finding('aa', 'src/a.ts'), finding('aa', 'src/b.ts')];
    const copy = at(base[0]!, 'src/z-copy.ts');
    const r = matchFindings(occurrencesOf(base), [...base, copy]);
    expect(r.new).toEqual([copy]);
    expect(r.absent).toEqual([]);
  });

  it('a copy placed in a file that sorts first is still the one reported, because the same file matches first', () => {
    const base = [finding('aa', 'src/z.ts')];
    const copy = at(base[0]!, 'src/a-copy.ts');
    const r = matchFindings(occurrencesOf(base), [copy, base[0]!]);
    expect(r.new).toEqual([copy]);
  });

  it('a rename plus a copy: git renames decide which file is the moved one', () => {
    const base = [finding('aa', 'src/old.ts')];
    const renamed = at(base[0]!, 'src/zz-renamed.ts');
    const copy = at(base[0]!, 'src/aa-copy.ts');
    const withRenames = matchFindings(occurrencesOf(base), [renamed, copy], { renames: new Map([['src/zz-renamed.ts', 'src/old.ts']]) });
    expect(withRenames.new).toEqual([copy]);
    // without them the count is still right: exactly one is new
    expect(matchFindings(occurrencesOf(base), [renamed, copy]).new).toHaveLength(1);
  });

  it('a removed finding is absent, with its base finding', () => {
    const base = [finding('aa', 'src/a.ts'), finding('bb', 'src/a.ts')];
    const r = matchFindings(occurrencesOf(base), [base[0]!]);
    expect(r.absent.map((o) => [o.fingerprint, o.finding])).toEqual([['bb', base[1]]]);
    expect(r.new).toEqual([]);
  });

  it('a fix in one file and the same code added in another nets out as moved code', () => {
    const base = [finding('aa', 'src/a.ts')];
    const r = matchFindings(occurrencesOf(base), [at(base[0]!, 'src/b.ts')]);
    expect(r.new).toEqual([]);
    expect(r.absent).toEqual([]);
  });

  it('property: renaming any files never creates new findings; adding k copies creates exactly k', () => {
    const arb = fc.record({
      items: fc.array(fc.record({ fp: fc.constantFrom('a1', 'b2', 'c3', 'd4'), file: fc.constantFrom('x.ts', 'y.ts', 'z/w.ts') }), {
        maxLength: 25,
      }),
      renameTo: fc.constantFrom('moved/x.ts', 'q.ts', 'z/w2.ts'),
      copies: fc.array(fc.nat(24), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(arb, ({ items, renameTo, copies }) => {
        const base = items.map((i) => finding(i.fp, i.file));
        const moved = base.map((f) => (f.file === 'x.ts' ? at(f, renameTo) : f));
        const r1 = matchFindings(occurrencesOf(base), moved);
        expect(r1.new).toHaveLength(0);
        expect(r1.absent).toHaveLength(0);
        const added = base.length ? copies.map((k) => at(base[k % base.length]!, `copies/c${k}.ts`)) : [];
        // which occurrence is the copy is known once git says which file was renamed; the count is known anyway
        expect(matchFindings(occurrencesOf(base), [...moved, ...added]).new).toHaveLength(added.length);
        const r2 = matchFindings(occurrencesOf(base), [...moved, ...added], { renames: new Map([[renameTo, 'x.ts']]) });
        expect(r2.new).toHaveLength(added.length);
        expect(new Set(r2.new)).toEqual(new Set(added));
      }),
      { numRuns: 200 },
    );
  });
});

describe('evaluateGate and thresholds', () => {
  const of = (category: Category, effortMinutes = 10) => finding(`f${line}`, 'src/a.ts', { category, effortMinutes });

  it('with no threshold, any new finding fails and none passes', () => {
    const t = parseThresholds([], []);
    expect(evaluateGate([], t).passed).toBe(true);
    const v = evaluateGate([of('duplication')], t);
    expect(v.passed).toBe(false);
    expect(v.violations).toEqual([{ scope: 'overall', measure: 'findings', actual: 1, limit: 0, flag: '--max-new-findings 0' }]);
  });

  it('a category limit replaces the overall one for that category only', () => {
    const t = parseThresholds(['0', 'duplication=2'], []);
    expect(evaluateGate([of('duplication'), of('duplication')], t).passed).toBe(true);
    const v = evaluateGate([of('duplication'), of('duplication'), of('duplication'), of('magic-value')], t);
    expect(v.violations.map((x) => [x.scope, x.actual, x.limit])).toEqual([
      ['duplication', 3, 2],
      ['overall', 1, 0],
    ]);
  });

  it('debt limits count the minutes of new findings; only debt limits given means findings are unlimited', () => {
    const t = parseThresholds([], ['25', 'magic-value=0']);
    expect(evaluateGate([of('abstraction', 10), of('drift', 15)], t).passed).toBe(true);
    const v = evaluateGate([of('abstraction', 10), of('drift', 16), of('magic-value', 1)], t);
    expect(v.violations.map((x) => [x.scope, x.measure, x.actual, x.limit])).toEqual([
      ['magic-value', 'debt', 1, 0],
      ['overall', 'debt', 26, 25],
    ]);
    expect(v.newDebtMinutes).toBe(27);
  });

  it('a new finding of a rule set to "error" fails whatever the thresholds', () => {
    const t = parseThresholds(['10'], ['100']);
    expect(evaluateGate([of('drift'), of('drift')], t).passed).toBe(true);
    const v = evaluateGate([of('drift'), { ...of('drift'), severity: 'error' }], t);
    expect(v.violations.map((x) => [x.measure, x.actual])).toEqual([['errors', 1]]);
  });

  it('rejects bad values with the flag and what was expected', () => {
    expect(() => parseThresholds(['-1'], [])).toThrow(/--max-new-findings expects a whole number >= 0/);
    expect(() => parseThresholds(['1.5'], [])).toThrow(/--max-new-findings/);
    expect(() => parseThresholds([], ['lots'])).toThrow(/--max-new-debt expects a number of minutes/);
    expect(() => parseThresholds(['duplicaton=1'], [])).toThrow(/unknown category "duplicaton" \(did you mean "duplication"\?\)/);
  });
});
