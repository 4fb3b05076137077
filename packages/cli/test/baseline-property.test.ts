// Property-based tests of the baseline file (issue 10): for any findings, the bytes do not depend on
// their order, reading and rewriting a baseline gives the same bytes, the counts per fingerprint and
// file survive the round trip, and one more finding changes one line.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '@plumbline/core';
import type { Category, Finding } from '@plumbline/core';
import { baselineFromFindings, baselineOccurrences, readBaseline, serializeBaseline, writeBaseline } from '../src/baseline.js';

const RULES: Array<[string, Category]> = [
  ['pass-through-function', 'abstraction'],
  ['copied-code', 'duplication'],
  ['hard-coded-style-value', 'magic-value'],
  ['library-drift', 'drift'],
  ['design-system-shadow', 'design-system'],
];

const segment = fc.stringMatching(/^[a-zA-Z0-9_$@-][a-zA-Z0-9_.$@ -]{0,10}$/);
const path = fc
  .tuple(fc.array(segment, { maxLength: 3 }), segment, fc.constantFrom('.ts', '.tsx', '.js', '.css'))
  .map(([dirs, name, ext]) => [...dirs, `${name}${ext}`].join('/'));
/** Effort in minutes: whole numbers mostly, fractions (configured efforts, shared chain links) sometimes. */
const effort = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true, noDefaultInfinity: true }));
const finding = fc
  .record({
    rule: fc.constantFrom(...RULES),
    fingerprint: fc.stringMatching(/^[0-9a-f]{1,4}$/),
    file: path,
    line: fc.integer({ min: 1, max: 500 }),
    effort,
  })
  .map(({ rule: [ruleId, category], fingerprint, file, line, effort: e }): Finding => ({
    // a fingerprint includes the rule id: the same hex under two rules is two fingerprints
    ruleId,
    category,
    severity: 'warning',
    message: 'm',
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    effortMinutes: e,
    fingerprint: `${fingerprint}${RULES.findIndex((r) => r[0] === ruleId)}`,
    related: [],
  }));
const findings = fc.array(finding, { maxLength: 40 });

const dir = mkdtempSync(join(tmpdir(), 'plumbline-baseline-property-'));
let n = 0;

describe('the baseline file (property-based)', () => {
  it('is order-independent: any permutation of the same findings gives the same bytes', () => {
    fc.assert(
      fc.property(findings, fc.nat(), (fs, seed) => {
        const shuffled = [...fs].sort(
          (a, b) => ((a.line * 7919 + seed) % 101) - ((b.line * 7919 + seed) % 101) || a.file.localeCompare(b.file),
        );
        const reversed = [...fs].reverse();
        const text = serializeBaseline(baselineFromFindings(fs));
        expect(serializeBaseline(baselineFromFindings(shuffled))).toBe(text);
        expect(serializeBaseline(baselineFromFindings(reversed))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('is byte-identical on rewrite: read, serialise again, write again (the second write changes nothing)', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const file = join(dir, `b${n++}.json`);
        expect(writeBaseline(file, baselineFromFindings(fs))).toBe(true);
        const bytes = readFileSync(file, 'utf8');
        const again = readBaseline(file);
        expect(serializeBaseline(again)).toBe(bytes);
        expect(writeBaseline(file, again)).toBe(false);
        expect(writeBaseline(file, baselineFromFindings([...fs].reverse()))).toBe(false);
        expect(readFileSync(file, 'utf8')).toBe(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every finding: the occurrences read back are the findings, by fingerprint, rule, category and file', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const file = join(dir, `o${n++}.json`);
        writeBaseline(file, baselineFromFindings(fs));
        const key = (x: { fingerprint: string; ruleId: string; category: string; file: string }) =>
          `${x.fingerprint}|${x.ruleId}|${x.category}|${x.file}`;
        expect(baselineOccurrences(readBaseline(file)).map(key).sort()).toEqual(fs.map(key).sort());
        const total = fs.reduce((s, f) => s + f.effortMinutes, 0);
        const stored = readBaseline(file).entries.reduce((s, e) => s + e.debtMinutes, 0);
        expect(Math.abs(stored - total)).toBeLessThan(0.001 * (readBaseline(file).entries.length + 1));
        for (const e of readBaseline(file).entries) expect(CATEGORIES).toContain(e.category);
      }),
      { numRuns: 200 },
    );
  });

  it('is merge-friendly: one finding with a new fingerprint adds one line (and a comma to the line before it, when it goes last)', () => {
    fc.assert(
      fc.property(findings, finding, (fs, extra) => {
        fc.pre(!fs.some((f) => f.fingerprint === extra.fingerprint));
        const lines = (text: string) => text.split('\n').map((l) => l.replace(/,$/, ''));
        const before = lines(serializeBaseline(baselineFromFindings(fs)));
        const after = lines(serializeBaseline(baselineFromFindings([...fs, extra])));
        expect(after.length).toBe(before.length + 1);
        const added = after.filter((l) => !before.includes(l));
        expect(added).toHaveLength(1);
        expect(added[0]).toContain(`"fingerprint":"${extra.fingerprint}"`);
        expect(after.filter((l) => l !== added[0])).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
