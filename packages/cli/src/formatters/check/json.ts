import { CATEGORIES, summaryRatingLine } from '@plumbline/core';
import type { CheckOutcome } from '../../check.js';
import { describeViolation } from '../../gate.js';
import { reviewJson } from './review.js';

/**
 * `plumbline check --format json`: the JSON contract of `scan` (schemaVersion 1) for the head, each finding marked with its baselineState,
 * plus a `check` object: the verdict, the base, the thresholds and the base findings the change removed.
 */
export function checkJson(outcome: CheckOutcome): Record<string, unknown> {
  const { head, base, comparison, verdict } = outcome;
  const isNew = new Set(comparison.new);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { base: base.totals.byCategory[c], head: head.summary.byCategory[c] }]));
  return {
    ...head,
    findings: head.findings.map((f) => ({ ...f, baselineState: isNew.has(f) ? 'new' : 'unchanged' })),
    check: {
      passed: outcome.passed,
      base: base.kind === 'commit' ? { kind: 'commit', ref: base.ref, commit: base.commit } : { kind: 'baseline', file: base.file },
      headCommit: outcome.headCommit,
      newFindings: verdict.newFindings,
      newDebtMinutes: verdict.newDebtMinutes,
      unchangedFindings: comparison.unchanged.length,
      absentFindings: comparison.absent.length,
      absentDebtMinutes: comparison.absent.reduce((n, o) => n + o.effortMinutes, 0),
      thresholds: outcome.thresholds,
      violations: verdict.violations.map((v) => ({ ...v, message: describeViolation(v) })),
      review: outcome.review ? reviewJson(outcome.review) : null,
      ratingLine: summaryRatingLine(head.summary),
      delta: {
        findings: { base: base.totals.findings, head: head.findings.length },
        debtMinutes: { base: base.totals.debtMinutes, head: head.summary.debtMinutes },
        ...(base.kind === 'commit'
          ? {
              debtRatio: { base: base.summary.debtRatio, head: head.summary.debtRatio },
              rating: { base: base.summary.rating, head: head.summary.rating },
              ratedDensity: { base: base.summary.rated?.density ?? null, head: head.summary.rated?.density ?? null },
            }
          : {}),
        byCategory,
      },
      absent: comparison.absent.map((o) => ({
        ruleId: o.ruleId,
        category: o.category,
        file: o.file,
        fingerprint: o.fingerprint,
        effortMinutes: o.effortMinutes,
        ...(o.finding ? { line: o.finding.line, column: o.finding.column, message: o.finding.message } : {}),
      })),
    },
  };
}

export function formatCheckJson(outcome: CheckOutcome): string {
  return `${JSON.stringify(checkJson(outcome), null, 2)}\n`;
}
