// Findings and scan results for the history-store tests (no server needed).
import { emptyCategoryTotals } from '@plumbline/core';
import type { Finding, ScanResult } from '@plumbline/core';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'pass-through-function',
    category: 'abstraction',
    severity: 'warning',
    message: '`a` only passes its arguments on to `b`',
    file: 'src/a.ts',
    line: 3,
    column: 17,
    endLine: 3,
    endColumn: 18,
    effortMinutes: 10,
    fingerprint: 'f0',
    related: [],
    ...over,
  };
}

export function scanResult(findings: Finding[], linesOfCode = 1000): ScanResult {
  const byCategory = emptyCategoryTotals();
  for (const f of findings) {
    byCategory[f.category].findings++;
    byCategory[f.category].debtMinutes += f.effortMinutes;
  }
  const debt = findings.reduce((n, f) => n + f.effortMinutes, 0);
  return {
    schemaVersion: 1,
    tool: { name: 'plumbline', version: '0.0.0-test' },
    root: '/r',
    commit: null,
    summary: {
      files: 10,
      linesOfCode,
      debtMinutes: debt,
      debtRatio: debt / (linesOfCode * 30),
      rating: 'A',
      byCategory,
      designSystemAdoption: 0.5,
      driftIndex: 0.1,
    },
    findings,
    errors: [],
    skipped: [],
  } as ScanResult;
}
