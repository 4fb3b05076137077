// The precision ledger's script: joins verdicts to findings, counts precision per rule, draws the same
// sample for the same seed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { join_, readVerdicts, sample, tally } from '../scripts/eval.mjs';

const finding = (ruleId: string, fingerprint: string, file: string, line = 1) => ({ ruleId, fingerprint, file, line, message: 'm' });

describe('precision ledger (scripts/eval.mjs)', () => {
  it('joins by rule, fingerprint and file only, and counts debatable as not right', () => {
    const findings = [
      finding('magic-number', 'aa', 'a.ts', 3),
      finding('magic-number', 'aa', 'b.ts', 9), // the same code in another file: not judged there
      finding('magic-number', 'bb', 'a.ts'),
      finding('copied-code', 'aa', 'a.ts'), // another rule with the same fingerprint: not joined
      finding('copied-code', 'cc', 'c.ts'),
    ];
    const verdicts = [
      { ruleId: 'magic-number', fingerprint: 'aa', file: 'a.ts', verdict: 'right' },
      { ruleId: 'magic-number', fingerprint: 'bb', file: 'a.ts', verdict: 'debatable' },
      { ruleId: 'copied-code', fingerprint: 'cc', file: 'c.ts', verdict: 'wrong' },
    ];
    const joined = join_(findings, verdicts);
    expect(joined.map((j: { verdict: { verdict: string } | null }) => j.verdict?.verdict ?? null)).toEqual([
      'right',
      null,
      'debatable',
      null,
      'wrong',
    ]);
    const rows = tally(joined, 20_000);
    const magic = rows.find((r: { ruleId: string }) => r.ruleId === 'magic-number');
    expect(magic).toMatchObject({ findings: 3, judged: 2, right: 1, debatable: 1, wrong: 0, per10kLines: 1.5, precision: 0.5 });
    expect(rows.find((r: { ruleId: string }) => r.ruleId === 'copied-code')).toMatchObject({ findings: 2, judged: 1, precision: 0 });
  });

  it('draws the same sample for the same seed, whatever the order of the findings', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ finding: finding('r', `f${i}`, `x${i}.ts`), verdict: null }));
    const a = sample(items, 10, 7).map((j: { finding: { fingerprint: string } }) => j.finding.fingerprint);
    const b = sample([...items].reverse(), 10, 7).map((j: { finding: { fingerprint: string } }) => j.finding.fingerprint);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(10);
    expect(sample(items, 10, 8).map((j: { finding: { fingerprint: string } }) => j.finding.fingerprint)).not.toEqual(a);
  });

  it('skips a malformed verdict line with a message and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plumbline-eval-'));
    const file = join(dir, 'v.jsonl');
    writeFileSync(
      file,
      [
        '{"ruleId":"r","fingerprint":"a","file":"a.ts","verdict":"right"}',
        '{not json',
        '{"ruleId":"r","fingerprint":"b","verdict":"maybe"}',
        '',
      ].join('\n'),
    );
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const verdicts = readVerdicts(file);
    expect(verdicts).toHaveLength(1);
    expect(err.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('v.jsonl:2'), expect.stringContaining('v.jsonl:3')]);
    err.mockRestore();
  });
});
