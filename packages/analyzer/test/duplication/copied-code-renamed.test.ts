import { describe, expect, it } from 'vitest';
import { analyzeFixture, findingsOf } from '../design-system/fixture.js';
import { align, edits, findNearPairs, lcsLength, NEAR_DEFAULTS } from '../../src/detectors/shared/near-copies.js';
import type { Unit, UnitDoc } from '../../src/detectors/shared/near-copies.js';
import { SHAPE } from '../../src/facts/clone-tokens/shape.js';
import { hash32 } from '../../src/facts/components.js';

describe('copied-code: renamed and near-miss copies', () => {
  const out = analyzeFixture('duplication', 'renamed-copies');
  const findings = findingsOf(out, 'copied-code');

  it('finds a function copied with every local name changed, and one with statements changed, as one class', () => {
    expect(findings).toHaveLength(1);
    const [f] = findings;
    // the largest copy is reported; the others follow with their own similarity and renamed names
    expect(f).toMatchObject({ file: 'src/reports/summary.ts', line: 5, endLine: 29 });
    expect(f!.related.sort()).toEqual(['src/invoices/totals.ts:5', 'src/orders/sums.ts:5']);
    expect(f!.message).toMatch(
      /^`reportSummary` \(25 lines\) is copied with changes in 3 places: .* \(similarity 0\.8\d\); names that differ: /,
    );
    const full = out.result.findings.find((x) => x.ruleId === 'copied-code')!;
    const orders = full.related.find((r) => r.file === 'src/orders/sums.ts')!;
    expect(orders.message).toContain('`orderTotals`, lines 5-26');
    expect(orders.message).toContain('`total` -> `sum`');
    expect(orders.message).toContain('`byCustomer` -> `perClient`');
  });

  it('puts the duplicated-lines ratio in the summary: lines of code in every copy ÷ lines of code', () => {
    // three copies of 25, 22 and 22 lines, every line holding code
    expect((out.result.metrics['copied-code'] as { linesInCopies: number }).linesInCopies).toBe(69);
    expect(out.result.summary.duplicatedLinesRatio).toBeCloseTo(69 / out.result.summary.linesOfCode, 10);
  });

  it('stays quiet on two forms of the same layout, two switch ladders and two email templates', () => {
    const places = out.result.findings.filter((x) => x.ruleId === 'copied-code').flatMap((x) => [x.file, ...x.related.map((r) => r.file)]);
    expect(places).not.toContain('src/settings/notifications.tsx');
    expect(places).not.toContain('src/profile/details.tsx');
    expect(places).not.toContain('src/settings/labels.ts');
    // each email template is a standalone document: a renamed variant of another is no copy to extract
    expect(places).not.toContain('src/emails/welcome.tsx');
  });
});

/** A unit doc from a list of token names: identifiers are `$`-prefixed (their shape is SHAPE.id), the rest keep their text. */
function doc(words: string[]): { d: UnitDoc; u: Unit } {
  const tokens = Uint32Array.from(words.map((w) => hash32(w.replace(/^\$/, ''))));
  const shape = Uint32Array.from(words.map((w) => (w.startsWith('$') ? SHAPE.id : w.startsWith('"') ? SHAPE.str : hash32(w))));
  const names = words.filter((w) => w.startsWith('$')).map((w) => w.slice(1));
  return { d: { tokens, shape, names }, u: { doc: 0, start: 0, end: words.length, name: 'u', line: 1, endLine: 20 } };
}

describe('near-copies: alignment and gates', () => {
  it('measures similarity by the longest common subsequence', () => {
    expect(lcsLength(Uint32Array.from([1, 2, 3, 4, 5]), Uint32Array.from([1, 3, 4, 9, 5]))).toBe(4);
  });

  it('counts the runs of differing tokens: a copy with a statement changed has few, siblings with scattered differences many', () => {
    const u = (...xs: number[]) => Uint32Array.from(xs);
    expect(edits(u(1, 2, 3, 4, 5, 6), u(1, 2, 3, 4, 5, 6))).toBe(0);
    // one statement replaced in the middle, one appended
    expect(edits(u(1, 2, 3, 4, 5, 6, 7), u(1, 2, 9, 9, 5, 6, 7, 8))).toBe(2);
    // differences three or more matching tokens apart are edits of their own
    expect(edits(u(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), u(1, 12, 3, 4, 5, 16, 7, 8, 9, 20, 11))).toBe(3);
    // a replaced statement that shares a `(` or a `.` with the old one is one edit, not three
    expect(edits(u(1, 2, 3, 4, 5, 6, 7, 8, 9), u(1, 2, 3, 40, 5, 60, 7, 8, 9))).toBe(1);
  });

  it('names each identifier by the partner it is aligned with most, once', () => {
    const a = doc(['$items', '.', '$map', '(', '$item', '=>', '$item', ')', ';', '$items', '"x"']);
    const b = doc(['$rows', '.', '$map', '(', '$row', '=>', '$row', ')', ';', '$rows', '"x"']);
    expect(align(a.d, a.u, b.d, b.u)).toEqual({
      renamed: [
        ['items', 'rows'],
        ['item', 'row'],
      ],
      renamedTwice: 2,
      literals: 1,
      sameLiterals: 1,
    });
  });

  it('leaves a shape shared by many units (a framework shell: a route, a dialog) to no pair, and pairs two renamed copies', () => {
    // 80 tokens of varied structure, with the identifiers renamed per copy
    const body = (tag: string) =>
      Array.from({ length: 20 }, (_, i) => [`$${tag}${i}`, ['.', '(', '[', '=>', '?', ':', '+', '!'][i % 8]!, `k${i}`, ';']).flat();
    const copies = (n: number) => Array.from({ length: n }, (_, d) => doc(body(`v${d}_`)));
    const run = (n: number) => {
      const cs = copies(n);
      return findNearPairs(
        cs.map((c) => c.d),
        cs.map((c, d) => ({ ...c.u, doc: d })),
        NEAR_DEFAULTS,
      );
    };
    expect(run(2)).toHaveLength(1);
    expect(run(12)).toEqual([]);
  });

  it('pairs verbatim copies of a whole unit however common their shape', () => {
    const cs = Array.from({ length: 12 }, () => doc(Array.from({ length: 20 }, (_, i) => [`$v${i}`, '.', `k${i}`, ';']).flat()));
    const pairs = findNearPairs(
      cs.map((c) => c.d),
      cs.map((c, d) => ({ ...c.u, doc: d })),
      NEAR_DEFAULTS,
    );
    // twelve identical units: every pair of them, each with similarity 1
    expect(pairs).toHaveLength(66);
    expect(pairs.every((p) => p.similarity === 1)).toBe(true);
  });

  it('pairs no units of a repetitive shape (a ladder of one statement) however alike', () => {
    const ladder = (name: string) =>
      Array.from({ length: 20 }, (_, i) => ['const', `$${name}${i}`, '=', `$use`, '(', '"v"', ')', ';']).flat();
    const a = doc(ladder('a'));
    const b = doc(ladder('b'));
    const units: Unit[] = [a.u, { ...b.u, doc: 1 }];
    expect(findNearPairs([a.d, b.d], units, NEAR_DEFAULTS)).toEqual([]);
  });
});
